package normalize

import (
	"testing"
)

func TestPerson(t *testing.T) {
	r := func(s string) map[string]any { return map[string]any{"rank": s} }
	runCases(t, "person", []tc{
		{name: "LTC", in: "LTC Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "no rank", in: "Eric Dalton", want: "Eric Dalton"},
		{name: "Lt. Col.", in: "Lt. Col. Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "Lt Col", in: "Lt Col Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "Lieutenant Colonel", in: "Lieutenant Colonel Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "Lieutenant Col. read as one rank", in: "Lieutenant Col. Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "Lt.Col. unspaced", in: "Lt.Col. Eric Dalton", want: "Eric Dalton", extra: r("LTC")},
		{name: "Col.", in: "Col. Jane Roe", want: "Jane Roe", extra: r("COL")},
		{name: "Colonel", in: "Colonel Jane Roe", want: "Jane Roe", extra: r("COL")},
		{name: "Gen.", in: "Gen. Carter Ham", want: "Carter Ham", extra: r("GEN")},
		{name: "General", in: "General Carter Ham", want: "Carter Ham", extra: r("GEN")},
		{name: "Gen is a given name", in: "Gen Nakatani", want: "Gen Nakatani"},
		{name: "Maj. Gen.", in: "Maj. Gen. John Doe", want: "John Doe", extra: r("MG")},
		{name: "Major", in: "Major John Doe", want: "John Doe", extra: r("MAJ")},
		{name: "Brig. Gen.", in: "Brig. Gen. John Doe", want: "John Doe", extra: r("BG")},
		{name: "Capt.", in: "Capt. John Doe", want: "John Doe", extra: r("CPT")},
		{name: "Sgt.", in: "Sgt. John Doe", want: "John Doe", extra: r("SGT")},
		{name: "Staff Sgt.", in: "Staff Sgt. John Doe", want: "John Doe", extra: r("SSG")},
		{name: "Ambassador", in: "Ambassador Gillian Milovanovic", want: "Gillian Milovanovic", extra: r("Ambassador")},
		{name: "Amb.", in: "Amb. Gillian Milovanovic", want: "Gillian Milovanovic", extra: r("Ambassador")},
		{name: "Dr.", in: "Dr. Jane Roe", want: "Jane Roe", extra: r("Dr.")},
		{name: "Dr no dot", in: "Dr Jane Roe", want: "Jane Roe", extra: r("Dr.")},
		{name: "Dr. Dre keeps a name", in: "Dr. Dre", want: "Dre", extra: r("Dr.")},
		{name: "Dre is no title", in: "Dre Smith", want: "Dre Smith"},
		{name: "Mr.", in: "Mr. Amadou Toumani Touré", want: "Amadou Toumani Touré", extra: r("Mr.")},
		{name: "Mrs.", in: "Mrs. Jane Roe", want: "Jane Roe", extra: r("Mrs.")},
		{name: "Ms.", in: "Ms. Kate Kaetzer-Hodson", want: "Kate Kaetzer-Hodson", extra: r("Ms.")},
		{name: "Msimang is a name", in: "Msimang Ndlovu", want: "Msimang Ndlovu"},
		{name: "Hon.", in: "The Honorable Jane Roe", want: "Jane Roe", extra: r("Hon.")},
		{name: "H.E.", in: "H.E. Jane Roe", want: "Jane Roe", extra: r("H.E.")},
		{name: "He is a surname", in: "He Yafei", want: "He Yafei"},
		{name: "two titles", in: "Ambassador Dr. Jane Roe", want: "Jane Roe", extra: r("Ambassador Dr.")},
		{name: "diacritics kept", in: "  Amadou   Toumani Touré ", want: "Amadou Toumani Touré"},
		{name: "title alone stays", in: "Ambassador", want: "Ambassador"},
		{name: "lowercase rank", in: "ltc eric dalton", want: "eric dalton", extra: r("LTC")},
	})
}

func TestRank(t *testing.T) {
	runCases(t, "rank", []tc{
		{name: "Lt. Col.", in: "Lt. Col.", want: "LTC"},
		{name: "Lieutenant Colonel", in: "Lieutenant Colonel", want: "LTC"},
		{name: "LTC", in: "LTC", want: "LTC"},
		{name: "lt col", in: "lt col", want: "LTC"},
		{name: "Doctor", in: "Doctor", want: "Dr."},
		{name: "Amb.", in: "Amb.", want: "Ambassador"},
		{name: "two", in: "Amb. Dr", want: "Ambassador Dr."},
		{name: "unknown passes", in: "  Colonel (ret.) ", want: "Colonel (ret.)"},
		{name: "foreign rank passes", in: "Capitaine", want: "Capitaine"},
	})
	// Every canonical spelling is its own canonical spelling.
	for _, ti := range titles {
		if got, err := rank(ti.Canon, Context{}); err != nil || got.Value != ti.Canon {
			t.Errorf("rank(%q) = %v, %v", ti.Canon, got.Value, err)
		}
		for _, v := range append(ti.Folded, ti.Exact...) {
			if got, _ := rank(v, Context{}); got.Value != ti.Canon {
				t.Errorf("rank(%q) = %v, want %s", v, got.Value, ti.Canon)
			}
		}
	}
}

func FuzzPerson(f *testing.F) {
	for _, s := range []string{"LTC Eric Dalton", "Lt. Col. Eric Dalton", "Dr. Dre", "Ambassador", "Ambassador Dr. Jane Roe", "Lieutenant Col. X", "Dr. Col", "Ms Ms", "", "Gen Nakatani", "H. E. X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, "person", validText(s), Context{})
	})
}

func FuzzRank(f *testing.F) {
	for _, s := range []string{"LTC", "Lt. Col.", "Lieutenant Col.", "Amb. Dr", "Major General", "Maj Gen Col", "lt", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, "rank", validText(s), Context{})
	})
}
