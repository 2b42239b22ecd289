"""read.py READER FILE prints every sheet of the workbook FILE as the Python
reader READER reads it, as JSON: [{"name": sheet, "rows": [[cell, ...], ...]}],
where a cell is null (empty), {"n": number}, {"s": text}, {"b": bool} or
{"d": ISO date-time}. READER is openpyxl (normal mode), openpyxl-readonly
(read-only, streaming mode) or pandas (read_excel). The Go test
cmd/dossier/readers_test.go compares the sheets with the CSVs.

Run it with Debian's /usr/bin/python3 and its python3-openpyxl and
python3-pandas packages."""

import datetime
import json
import math
import sys


def typed(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return {"b": v}
    if isinstance(v, (int, float)):
        if isinstance(v, float) and math.isnan(v):
            return None
        return {"n": v}
    if isinstance(v, str):
        return None if v == "" else {"s": v}
    if isinstance(v, (datetime.datetime, datetime.date)):
        return {"d": v.isoformat()}
    if hasattr(v, "item"):  # a numpy scalar
        return typed(v.item())
    raise TypeError("unknown cell value %r of type %s" % (v, type(v)))


def openpyxl_sheets(path, read_only):
    import openpyxl

    # data_only: a formula cell reads as its cached value, as it shows.
    wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    out = []
    for ws in wb.worksheets:
        rows = [[typed(v) for v in row] for row in ws.iter_rows(values_only=True)]
        out.append({"name": ws.title, "rows": rows})
    wb.close()
    return out


def pandas_sheets(path):
    import pandas

    # header=None: the header row is data like the others. dtype=object
    # keeps each cell's own type instead of one per column.
    # keep_default_na=False: pandas would otherwise read text such as "NA"
    # or "null" as a missing value; an empty cell is still NaN.
    frames = pandas.read_excel(path, sheet_name=None, header=None, dtype=object, keep_default_na=False)
    out = []
    for name, df in frames.items():
        rows = [[typed(v) for v in row] for row in df.itertuples(index=False, name=None)]
        out.append({"name": name, "rows": rows})
    return out


READERS = {
    "openpyxl": lambda p: openpyxl_sheets(p, False),
    "openpyxl-readonly": lambda p: openpyxl_sheets(p, True),
    "pandas": pandas_sheets,
}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in READERS:
        sys.exit("usage: read.py %s FILE.xlsx" % "|".join(READERS))
    json.dump(READERS[sys.argv[1]](sys.argv[2]), sys.stdout, ensure_ascii=False, allow_nan=False)
