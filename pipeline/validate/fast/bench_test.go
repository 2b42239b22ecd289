package fast

import "testing"

// BenchmarkValid validates the peers' generated poll records (decoded
// beforehand) with the fast path and with the library.
func BenchmarkValid(b *testing.B) {
	records, schema := genFacts(b, "20000")
	p := mustPair(b, readDocs(b, schema), "poll.schema.json")
	vals := make([]any, len(records))
	for i, r := range records {
		vals[i] = decode(b, r)
	}
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		valid := 0
		for i := 0; b.Loop(); i++ {
			if p.fast.Valid(vals[i%len(vals)]) {
				valid++
			}
		}
	})
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_ = p.lib.Validate(vals[i%len(vals)])
		}
	})
}
