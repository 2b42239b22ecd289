package issue

// Nearest suggests the candidate closest to a misspelt word, for a "did
// you mean" in a message: at most maxDist edits away (insertions,
// deletions, substitutions), and fewer edits than the word has letters.
// It returns "" when no candidate is that close; of two as close, the
// first.
func Nearest(word string, candidates []string, maxDist int) string {
	best, bestD := "", min(maxDist, len(word)-1)+1
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
