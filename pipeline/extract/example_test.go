package extract_test

import (
	"fmt"

	"dossier/pipeline/document"
	"dossier/pipeline/extract"
	"dossier/pipeline/prepare"
)

func ExampleDocument() {
	raw := []byte("Principal U.S. Officials include:\n\n" +
		"  • Ambassador Gillian Milovanovic\n" +
		"  • Defense Attaché—LTC Eric Dalton\n\n" +
		"There is a U.S. Embassy in Bamako, Mali.[3]\n")
	doc := &document.Document{ID: "mali-united-states", Title: "Mali – United States relations", Raw: raw}
	prepare.Text(doc)
	for _, f := range extract.Document(doc) {
		fmt.Printf("%s %s: %q\n", f.Kind, f.Rule, f.Quote())
		switch f.Kind {
		case "official":
			fmt.Println("  ", f.Fields["country"], f.Fields["role"], "|", f.Fields["name"], "|", f.Fields["rank"])
		case "mission":
			fmt.Println("  ", f.Fields["type"], f.Fields["sending"], "in", f.Fields["city"], f.Fields["host"])
		}
	}
	// Output:
	// official officials.leading-title: "Ambassador Gillian Milovanovic"
	//    USA Ambassador | Gillian Milovanovic | <nil>
	// official officials.list-separator: "Defense Attaché—LTC Eric Dalton"
	//    USA Defense Attaché | Eric Dalton | LTC
	// mission missions.there-is: "There is a U.S. Embassy in Bamako, Mali."
	//    embassy USA in Bamako MLI
}

func ExamplePair() {
	p, ok := extract.Pair(&document.Document{Title: "Niger–United States relations"})
	fmt.Println(p, ok)
	// Output: [NER USA] true
}
