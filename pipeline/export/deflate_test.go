package export

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {3, 100_000}, {1 << 20, 12345}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(r.Uint32())
		}
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		want := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Errorf("lengths %v: got %08x, want %08x", n, got, want)
		}
	}
}

// A sheet's rows, compressed as they stream in (more than one chunk),
// spliced between a head and a tail compressed at the end, read back as
// one entry whose CRC and sizes a zip reader checks.
func TestWriteSplicedRows(t *testing.T) {
	d, err := NewDir(t.TempDir() + "/out")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	sr, err := d.sheetRows("rows-test")
	if err != nil {
		t.Fatal(err)
	}
	var rows bytes.Buffer
	for i := range 60_000 {
		row := []byte(`<row r="` + string(rune('0'+i%10)) + `"><c r="A1"><v>` + string(rune('a'+i%26)) + `</v></c></row>`)
		rows.Write(row)
		sr.write(row)
	}
	if rows.Len() <= deflateChunk {
		t.Fatalf("the rows take %d bytes: the test wants more than one chunk", rows.Len())
	}
	for _, tc := range []struct {
		name string
		mid  bool
	}{{"with rows", true}, {"without", false}} {
		t.Run(tc.name, func(t *testing.T) {
			head, tail := []byte("<worksheet><sheetData>"), []byte("</sheetData></worksheet>")
			want := append(append([]byte{}, head...), tail...)
			var mid *deflated
			if tc.mid {
				if mid, err = sr.compressed(); err != nil {
					t.Fatal(err)
				}
				want = append(append(append([]byte{}, head...), rows.Bytes()...), tail...)
			}
			var zbuf bytes.Buffer
			zw := zip.NewWriter(&zbuf)
			hdr := zip.FileHeader{Name: "sheet.xml"}
			if err := writeSpliced(zw, &hdr, head, mid, tail); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			rc, err := zr.File[0].Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc) // checks the CRC and size at EOF
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("read back %d bytes, want %d", len(got), len(want))
			}
		})
	}
}
