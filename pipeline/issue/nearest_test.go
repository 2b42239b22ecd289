package issue

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"retrieved", "title", "countries", "url"}
	for word, want := range map[string]string{
		"retreived": "retrieved",
		"contries":  "countries",
		"titel":     "title",
		"uri":       "url",
		"ur":        "url",
		"language":  "",
		"x":         "",
	} {
		if got := Nearest(word, keys, 3); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", word, got, want)
		}
	}
}
