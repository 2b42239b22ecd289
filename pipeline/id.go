package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dossier/pipeline/fact"
	"dossier/pipeline/schema"
)

// factID returns the fact's id: the one given, else one derived from the
// kind's key fields ("official-mli-usa-usa-consular-officer-rebecca-drame"),
// else from its file and position. Derived ids are stable across runs and
// readable in a spreadsheet; long ones end in a short hash to stay unique.
func factID(k *schema.Kind, f *fact.Fact) string {
	if id, ok := f.Fields["id"].(string); ok && id != "" {
		return id
	}
	var parts []string
	for _, key := range k.Key {
		field, _, _ := strings.Cut(key, ":")
		parts = append(parts, keyText(f.Fields[field]))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%s-%s-%d", k.Name, slug(f.File), f.Index+1)
	}
	full := k.Name + "-" + slug(strings.Join(parts, " "))
	if len(full) <= 96 {
		return full
	}
	sum := sha256.Sum256([]byte(full))
	return strings.TrimRight(full[:80], "-") + "-" + hex.EncodeToString(sum[:4])
}

func keyText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, keyText(e))
		}
		return strings.Join(s, " ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// slug lowercases, drops diacritics and joins words with "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}
