package export

import (
	"archive/zip"
	"io"
)

// sheetRows holds the rows of one worksheet as they stream in, compressed
// at once on every core into a spool: the spool holds the DEFLATE data of
// the rows, which assemble copies into the archive between the sheet's
// head and tail (known only at the end), so that no row is written or read
// twice.
type sheetRows struct {
	rows int       // how many
	used cellRange // the cells they fill
	sp   *spool
	pd   *parallelDeflate
	done bool
}

func (d *Dir) sheetRows(name string) (*sheetRows, error) {
	sp, err := d.spool(name)
	if err != nil {
		return nil, err
	}
	return &sheetRows{sp: sp, pd: newParallelDeflate(sp)}, nil
}

// write adds one row's XML. An error writing the spool shows at the end,
// from compressed.
func (r *sheetRows) write(row []byte) {
	r.pd.Write(row)
}

// compressed ends the rows' DEFLATE data with a sync flush and returns it.
func (r *sheetRows) compressed() (*deflated, error) {
	if err := r.close(); err != nil {
		return nil, err
	}
	rd, err := r.sp.reader(0, r.sp.n)
	if err != nil {
		return nil, err
	}
	return &deflated{data: rd, crc: r.pd.crc, size: r.pd.in}, nil
}

// close waits for the compressors; it may be called more than once.
func (r *sheetRows) close() error {
	if r.done {
		return nil
	}
	r.done = true
	return r.pd.finish(false)
}

// writeSpliced writes a zip entry whose data is head, then mid (DEFLATE
// data compressed earlier, when not nil, copied as it is), then tail;
// head and tail are compressed here on every core.
func writeSpliced(zw *zip.Writer, hdr *zip.FileHeader, head []byte, mid *deflated, tail []byte) error {
	hdr.Method = zip.Deflate
	hdr.Flags |= 0x8 // sizes and CRC follow the data
	hdr.CRC32, hdr.CompressedSize64, hdr.UncompressedSize64 = 0, 0, 0
	dst, err := zw.CreateRaw(hdr)
	if err != nil {
		return err
	}
	var crc uint32
	var in, out int64
	if mid != nil {
		pd := newParallelDeflate(dst)
		pd.Write(head)
		if err := pd.finish(false); err != nil {
			return err
		}
		n, err := io.Copy(dst, mid.data)
		if err != nil {
			return err
		}
		crc = crc32Combine(pd.crc, mid.crc, mid.size)
		in, out = pd.in+mid.size, pd.out+n
		head = nil
	}
	pd := newParallelDeflate(dst)
	pd.Write(head)
	pd.Write(tail)
	if err := pd.Close(); err != nil {
		return err
	}
	crc = crc32Combine(crc, pd.crc, pd.in)
	in, out = in+pd.in, out+pd.out
	hdr.CRC32 = crc
	hdr.CompressedSize64 = uint64(out)
	hdr.UncompressedSize64 = uint64(in)
	hdr.CompressedSize = uint32(min(out, 1<<32-1))
	hdr.UncompressedSize = uint32(min(in, 1<<32-1))
	return nil
}
