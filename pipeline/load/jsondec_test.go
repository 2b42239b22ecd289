package load

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func stdDecode(b []byte) (any, error) {
	// json.Valid judges the whole input, trailing data included; the
	// decoder alone stops after the first value.
	if !json.Valid(b) {
		return nil, &DecodeError{Msg: "invalid"}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func TestDecodeFastAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `-12`, `123456789012345678901234567890`,
		`"plain"`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"lone \ud83d x"`, "\"bad utf8 \xff\"",
		`{"a":[1,{"b":null}],"c":"Touré"}`, ` { "k" : [ 1 , 2 ] } `,
		`{"kind":"poll","value_percent":47.3,"evidence":{"quote":"x"}}`,
	} {
		t.Run(in, func(t *testing.T) {
			want, err := stdDecode([]byte(in))
			if err != nil {
				t.Fatalf("encoding/json: %v", err)
			}
			got, err := decodeFast([]byte(in), 100)
			if err != nil {
				t.Fatalf("decodeFast: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestDecodeFastRejects(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":1,"a":2}`:  "duplicate key",
		`NaN`:            "NaN and Infinity are not JSON",
		`{"x":Infinity}`: "NaN and Infinity are not JSON",
		`[1,]`:           "beginning of a value",
		`01`:             "after the JSON value",
		`1.`:             "decimal point",
		`{"a" 1}`:        "expected ':'",
		`"abc`:           "end of JSON input",
		"\"a\tb\"":       "control character",
		`{} {}`:          "after the JSON value",
		`"\x"`:           "invalid escape",
		``:               "end of JSON input",
	} {
		_, err := decodeFast([]byte(in), 100)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("decodeFast(%q) = %v, want an error saying %q", in, err, want)
		}
	}
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	if _, err := decodeFast([]byte(deep), 256); err == nil || !strings.Contains(err.Error(), "deeper than 256") {
		t.Errorf("deep nesting: %v", err)
	}
}

// FuzzDecodeFast: whatever encoding/json accepts (without duplicate keys),
// decodeFast decodes to the same value; what it rejects, decodeFast rejects.
func FuzzDecodeFast(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u00e9"],"b":{"c":null,"d":true}}`, `[]`, `"\ud83d\ude00"`, `-0.0e+1`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeFast(b, 10000)
		want, stdErr := stdDecode(b)
		if stdErr != nil {
			if err == nil {
				t.Fatalf("decodeFast accepted %q, encoding/json: %v", b, stdErr)
			}
			return
		}
		if err != nil {
			var de *DecodeError
			if ok := asDecodeError(err, &de); ok && strings.HasPrefix(de.Msg, "duplicate key") {
				return
			}
			t.Fatalf("decodeFast rejected %q: %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", b, got, want)
		}
	})
}

func asDecodeError(err error, target **DecodeError) bool {
	de, ok := err.(*DecodeError)
	*target = de
	return ok
}

func BenchmarkDecodeJSONLine(b *testing.B) {
	line := []byte(`{"id":"poll-usa-fra-2010-00000001","kind":"poll","country_a":"USA","country_b":"FRA","year":2010,"source":"Pew Research Center","population":"adults 18+","measure":"favorable","value_percent":47.3,"disapprove_percent":30.1,"as_of":"2010-04-12","evidence":{"source":"Global Attitudes Survey","quote":"In the spring 2010 Global Attitudes Survey, 47.3% of adults 18+ in the United States held a favorable view of France, up from the previous wave."}}`)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := decodeFast(line, 256); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := stdDecode(line); err != nil {
				b.Fatal(err)
			}
		}
	})
}
