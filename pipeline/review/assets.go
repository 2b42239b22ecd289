package review

import (
	_ "embed"
	"fmt"
	"strings"
)

// kindColours are the highlight colours of the kinds, in the order of
// their tables (past ten they repeat; a highlight's kind is also named in
// words beside its line). Dark text on each keeps a contrast above 10:1.
var kindColours = []string{"#bfdbfe", "#fde68a", "#bbf7d0", "#fecaca", "#e9d5ff", "#a5f3fc", "#fed7aa", "#d9f99d", "#fbcfe8", "#e5e7eb"}

//go:embed page.css
var baseCSS string

//go:embed page.js
var pageJS string

// pageCSS is the page's style: the base and a class per kind colour.
var pageCSS = func() string {
	var b strings.Builder
	b.WriteString(baseCSS)
	for i, c := range kindColours {
		fmt.Fprintf(&b, ".k%d{background:%s}\n", i, c)
	}
	return b.String()
}()
