// Package docs holds the documentation that the dossier command itself
// needs: docs/checks.md, which explains every issue code, so that a SARIF
// rule can link to the heading of its code.
package docs

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode"
)

//go:embed checks.md
var checks string

// Checks returns docs/checks.md. The review page (out/review.html) shows
// its sections as the explanation of each code it names, so that the page
// explains them wherever it is opened, offline.
func Checks() string { return checks }

// ChecksFile is the path of the checks page in the repository.
const ChecksFile = "docs/checks.md"

// CheckAnchor returns the anchor (without "#") of the heading of
// docs/checks.md that explains code: the heading that names it in
// backticks, or else the one that names its family ("schema.*" for
// "schema.type"). Anchors follow GitHub's rules (see Slug). It reports
// false when no heading names the code.
func CheckAnchor(code string) (string, bool) {
	anchors := headingAnchors(checks)
	if a, ok := anchors[code]; ok {
		return a, true
	}
	for c, a := range anchors {
		if fam, ok := strings.CutSuffix(c, "*"); ok && strings.HasPrefix(code, fam) {
			return a, true
		}
	}
	return "", false
}

// headingAnchors maps each code named in backticks in a heading of the
// Markdown text md to that heading's anchor; a code in two headings keeps
// the first.
func headingAnchors(md string) map[string]string {
	out := map[string]string{}
	seen := map[string]int{}
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		anchor := Slug(text)
		if n := seen[anchor]; n > 0 {
			seen[anchor]++
			anchor += "-" + strconv.Itoa(n)
		} else {
			seen[anchor] = 1
		}
		parts := strings.Split(text, "`")
		for i := 1; i < len(parts); i += 2 {
			if _, ok := out[parts[i]]; !ok {
				out[parts[i]] = anchor
			}
		}
	}
	return out
}

// Slug returns the anchor GitHub gives a Markdown heading: the heading's
// text (inline code without its backticks) in lower case, keeping letters,
// digits, "-" and "_", with each space turned into "-" and every other
// character left out. A second heading with the same slug gets "-1", a
// third "-2" (headingAnchors does that).
func Slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
