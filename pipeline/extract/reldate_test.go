package extract

import "testing"

func TestRelativeDate(t *testing.T) {
	for _, tc := range []struct {
		text, anchor, want string
	}{
		{"Cambodia withdrew its envoy the next day", "2009-11-05", "2009-11-06"},
		{"the next day", "2009-11", ""},
		{"three days later Georgia severed relations", "2006-09-30", "2006-10-03"},
		{"a month later", "2019-07-04", "2019-08"},
		{"a month later", "2019-12", "2020-01"},
		{"the following year", "1992", "1993"},
		{"the embassy opened the following spring", "1992-12-22", "1993"},
		{"the embassy opened the following autumn", "1992-04-02", "1992"},
		{"later that year", "1992-04-02", "1992"},
		{"on the same day", "1960-04-27", "1960-04-27"},
		{"in the same month", "1960-04-27", "1960-04"},
		{"two weeks later", "2000-02-20", "2000-03-05"},
		{"nothing relative here", "2000-02-20", ""},
	} {
		got, ok := relativeDate(tc.text, tc.anchor)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("relativeDate(%q, %s) = %q, %v; want %q", tc.text, tc.anchor, got, ok, tc.want)
		}
	}
}
