package export

import (
	"bufio"
	"encoding/json"

	"dossier/pipeline/model"
)

// writeRejected writes out/rejected.jsonl: one line per record that was
// read and not exported, with the record as read and every issue it had,
// so nothing a user gave is lost without a trace.
func writeRejected(d *Dir, r *model.Result) error {
	w, err := d.Create("rejected.jsonl")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, rej := range r.Rejected {
		if err := enc.Encode(rej); err != nil {
			return err
		}
	}
	return bw.Flush()
}
