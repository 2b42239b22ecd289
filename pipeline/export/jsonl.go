package export

import (
	"bufio"

	"dossier/pipeline"
)

// writeJSONL writes jsonl/<kind>.jsonl: each exported fact on one line, in
// the same form as in dossier.json. Only with --jsonl.
func writeJSONL(d *Dir, r *pipeline.Result, o Options) error {
	if !o.JSONL {
		return nil
	}
	for _, kind := range r.Schemas.KindNames() {
		w, err := d.Create("jsonl/" + safeName(kind) + ".jsonl")
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		j := &jw{w: bw}
		k := r.Schemas.Kinds[kind]
		for _, f := range r.Facts[kind] {
			j.fact(k, f)
			j.raw("\n")
		}
		if j.err != nil {
			return j.err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
