package key

// Shipped returns the x-key of each kind of the schemas that ship in
// schemas/: the keys the extractors dedupe by when they are given none (in
// unit tests, and in dossier extract, which reads no schemas). A test keeps
// it equal to the files.
func Shipped() map[string][]string {
	return map[string][]string{
		"ambassador": {"countries", "country", "name"},
		"event":      {"countries", "type", "date:year"},
		"mission":    {"countries", "type", "sending", "host", "city"},
		"official":   {"countries", "country", "role", "name"},
		"poll":       {"countries", "year", "source", "population", "measure"},
		"program":    {"countries", "country", "name"},
	}
}
