package normalize

import "testing"

func TestProgram(t *testing.T) {
	runCases(t, "program", []tc{
		{name: "USAID", in: "USAID", want: "USAID"},
		{name: "spelled out", in: "U.S. Agency for International Development", want: "USAID"},
		{name: "United States Agency", in: "United States Agency for International Development", want: "USAID"},
		{name: "Peace Corps", in: "the Peace Corps", want: "Peace Corps"},
		{name: "MCC", in: "MCC", want: "Millennium Challenge Corporation"},
		{name: "Millennium Challenge Corporation", in: "Millennium Challenge Corporation", want: "Millennium Challenge Corporation"},
		{name: "Food for Peace", in: "food for peace", want: "Food for Peace"},
		{name: "PEPFAR", in: "President's Emergency Plan for AIDS Relief", want: "PEPFAR"},
		{name: "PEPFAR curly", in: "President’s Emergency Plan for AIDS Relief", want: "PEPFAR"},
		{name: "IMET", in: "IMET", want: "International Military Education and Training"},
		{name: "unknown passes", in: " Some  Program ", want: "Some Program"},
	})
	if _, err := spellingIndex(programs); err != nil {
		t.Fatal(err)
	}
}

func FuzzProgram(f *testing.F) {
	for _, s := range []string{"USAID", "U.S. AID", "MCC", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOutput(t, "program", validText(s), Context{})
	})
}
