package normalize

// programs is the table of assistance programs by canonical name. Agencies
// known by their acronym keep it (USAID, PEPFAR); others are spelled out.
var programs = []spelling{
	{"USAID", []string{"U.S. Agency for International Development", "United States Agency for International Development", "US Agency for International Development", "Agency for International Development", "U.S. AID", "US AID"}},
	{"Peace Corps", []string{"U.S. Peace Corps", "United States Peace Corps", "the Peace Corps"}},
	{"Millennium Challenge Corporation", []string{"MCC", "Millennium Challenge Corp.", "Millenium Challenge Corporation"}},
	{"Millennium Challenge Account", []string{"MCA", "Millenium Challenge Account"}},
	{"Food for Peace", []string{"FFP", "Food for Peace Program", "Title II", "P.L. 480", "PL 480", "Public Law 480"}},
	{"PEPFAR", []string{"President's Emergency Plan for AIDS Relief", "U.S. President's Emergency Plan for AIDS Relief", "Presidents Emergency Plan for AIDS Relief"}},
	{"President's Malaria Initiative", []string{"PMI", "U.S. President's Malaria Initiative", "Presidents Malaria Initiative"}},
	{"Feed the Future", []string{"FtF"}},
	{"Power Africa", nil},
	{"Fulbright Program", []string{"Fulbright", "Fulbright Scholar Program", "Fulbright Programme"}},
	{"International Military Education and Training", []string{"IMET"}},
	{"Foreign Military Financing", []string{"FMF"}},
	{"Trans-Sahara Counterterrorism Partnership", []string{"TSCTP", "Trans-Saharan Counterterrorism Partnership", "Trans-Sahara Counter-Terrorism Partnership"}},
	{"Pan Sahel Initiative", []string{"PSI", "Pan-Sahel Initiative"}},
	{"Africa Contingency Operations Training and Assistance", []string{"ACOTA"}},
	{"Global Peace Operations Initiative", []string{"GPOI"}},
	{"African Growth and Opportunity Act", []string{"AGOA"}},
	{"Young African Leaders Initiative", []string{"YALI"}},
	{"Anti-Terrorism Assistance", []string{"ATA", "Antiterrorism Assistance"}},
	{"State Partnership Program", []string{"SPP", "National Guard State Partnership Program"}},
}

var programIndex = mustSpellingIndex(programs)

// program normalizes a program's name to its canonical name.
func program(v any, _ Context) (Result, error) { return respell(programIndex, v), nil }
