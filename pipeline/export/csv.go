package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"

	"dossier/pipeline"
)

// writeCSV writes out/csv/<kind>.csv for every kind of the schemas (a kind
// with no facts gets its header row, so a consumer always finds its file),
// plus documents.csv and issues.csv. RFC 4180, UTF-8.
func writeCSV(d *Dir, r *pipeline.Result, o Options) error {
	for _, name := range r.Schemas.KindNames() {
		t := KindTable(r.Schemas.Kinds[name], r.Facts[name])
		head := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			head[i] = c.Name
		}
		err := writeCSVFile(d, "csv/"+name+".csv", head, func(emit func([]any) error) error {
			row := make([]any, len(t.Columns))
			for _, f := range t.Facts {
				for i, c := range t.Columns {
					row[i] = c.Cell(f)
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	head, rows := DocumentTable(r)
	if err := writeCSVFile(d, "csv/documents.csv", head, rowsOf(rows)); err != nil {
		return err
	}
	head, rows = IssueTable(r.Issues)
	return writeCSVFile(d, "csv/issues.csv", head, rowsOf(rows))
}

func rowsOf(rows [][]any) func(func([]any) error) error {
	return func(emit func([]any) error) error {
		for _, r := range rows {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func writeCSVFile(d *Dir, rel string, head []string, rows func(emit func([]any) error) error) error {
	w, err := d.Create(rel)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	err = rows(func(row []any) error {
		for i, v := range row {
			rec[i] = csvText(v)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvText writes a cell value as CSV text: numbers exactly as read.
func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
