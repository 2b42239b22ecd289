package normalize

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"testing"
)

// isoCodesFile is where Debian's iso-codes package installs the ISO 3166-1
// data (CI installs the package; see .ci/run).
const isoCodesFile = "/usr/share/iso-codes/json/iso_3166-1.json"

// isoRefused are the ISO names the country normalizer refuses on purpose,
// with the code it gives. "Congo" is the ISO short name of COG, but writers
// use it for either Congo, so guessing COG would often be wrong.
var isoRefused = map[string]string{"Congo": CodeCountryAmbiguous}

// TestISOCodesPackage checks the country normalizer against an independent
// copy of ISO 3166-1: every name, official name, common name, upper-case
// alpha-2 and alpha-3 code of Debian's iso-codes package must give the
// entry's alpha-3 code, but for the names in isoRefused.
func TestISOCodesPackage(t *testing.T) {
	data, err := os.ReadFile(isoCodesFile)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found: install Debian's iso-codes package (apt-get install iso-codes) to run this test", isoCodesFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Entries []struct {
			Alpha2       string `json:"alpha_2"`
			Alpha3       string `json:"alpha_3"`
			Name         string `json:"name"`
			OfficialName string `json:"official_name"`
			CommonName   string `json:"common_name"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", isoCodesFile, err)
	}
	if len(doc.Entries) < 249 {
		t.Fatalf("%s: %d entries, want at least 249", isoCodesFile, len(doc.Entries))
	}
	for _, e := range doc.Entries {
		for _, in := range []struct{ field, value string }{
			{"alpha_2", e.Alpha2}, {"alpha_3", e.Alpha3}, {"name", e.Name},
			{"official_name", e.OfficialName}, {"common_name", e.CommonName},
		} {
			if in.value == "" {
				continue
			}
			got, err := country(in.value, Context{})
			if code, ok := isoRefused[in.value]; ok {
				if !isErrCode(err, code) {
					t.Errorf("%s %s %q: country gives %v, %v; want error %s", e.Alpha3, in.field, in.value, got.Value, err, code)
				}
				continue
			}
			if err != nil || got.Value != e.Alpha3 {
				t.Errorf("%s %s %q: country gives %v, %v; want %s", e.Alpha3, in.field, in.value, got.Value, err, e.Alpha3)
			}
		}
	}
}
