package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/pipeline/model"
)

// A run without --jsonl after one with it leaves no jsonl/ behind: out/
// holds exactly the set the last run wrote.
func TestLaterRunLeavesNothingStale(t *testing.T) {
	res := run(t, sampleNotes...)
	out, fresh := t.TempDir(), t.TempDir()
	if err := Write(out, res, nil, Options{JSONL: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "jsonl", "note.jsonl")); err != nil {
		t.Fatalf("the first run wrote no jsonl: %v", err)
	}
	if err := Write(out, res, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(fresh, res, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := snapshot(t, out), snapshot(t, fresh); !mapsEqual(got, want) {
		t.Errorf("out/ after two runs:\n%v\nwant the second run's set:\n%v", listFiles(t, out), listFiles(t, fresh))
	}
	noLeftovers(t, out)
}

// setFormats are the formats of twoSets: files at the top and in folders,
// without the workbook, which would only make the tests slower.
var setFormats = []string{"json", "csv", "jsonl", "report"}

// twoSets are two runs' results and the exact trees they write: a with
// jsonl/, b without it and with other facts.
type twoSets struct {
	a, b         *model.Result
	oa, ob       Options
	treeA, treeB map[string]string
}

func newTwoSets(t *testing.T) *twoSets {
	s := &twoSets{a: run(t, sampleNotes...), b: run(t, `{"kind":"note","name":"other","share":5}`), oa: Options{JSONL: true}}
	s.treeA = setTree(t, s.a, s.oa)
	s.treeB = setTree(t, s.b, s.ob)
	if mapsEqual(s.treeA, s.treeB) {
		t.Fatal("the two sets are the same")
	}
	return s
}

// setTree is the tree a run writes into an empty folder.
func setTree(t *testing.T, r *model.Result, o Options) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, r, setFormats, o); err != nil {
		t.Fatal(err)
	}
	return snapshot(t, out)
}

// noLeftovers checks that no scratch file is left in out, and no staging
// folder or old set beside it.
func noLeftovers(t *testing.T, out string) {
	t.Helper()
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != manifestName {
			t.Errorf("left behind in out/: %s", e.Name())
		}
	}
	ents, _ = os.ReadDir(filepath.Dir(out))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), stagingPrefix(out)) {
			t.Errorf("left behind beside out/: %s", e.Name())
		}
	}
}

// withoutExchange makes Commit take the two-rename path.
func withoutExchange(t *testing.T) {
	exchangeDirs = func(a, b string) error { return errNoExchange }
	t.Cleanup(func() { exchangeDirs = exchange })
}

// A run killed at any step of Commit leaves out/ as the complete old set
// or the complete new one (or, between the fallback's two renames, absent
// with the old set beside it), and the next run puts things right. The
// disk at each step is frozen by copying it, which is what a kill leaves;
// cmd/dossier's kill test kills a real process.
func TestKilledCommitLeavesOneSet(t *testing.T) {
	s := newTwoSets(t)
	for _, mode := range []string{"exchange", "renames"} {
		steps := []string{StepStaged, StepSealed, StepSwapped, StepRemoving}
		if mode == "renames" {
			steps = []string{StepStaged, StepSealed, StepMovedAside, StepSwapped, StepRemoving}
		}
		for _, step := range steps {
			t.Run(mode+"/"+step, func(t *testing.T) {
				if mode == "renames" {
					withoutExchange(t)
				}
				parent := t.TempDir()
				out := filepath.Join(parent, "out")
				if err := Write(out, s.a, setFormats, s.oa); err != nil {
					t.Fatal(err)
				}
				frozen := filepath.Join(t.TempDir(), "disk")
				seen := false
				CommitStep = func(name string) {
					if name == step {
						seen = true
						if err := os.CopyFS(frozen, os.DirFS(parent)); err != nil {
							t.Error(err)
						}
					}
				}
				err := Write(out, s.b, setFormats, s.ob)
				CommitStep = nil
				if err != nil || !seen {
					t.Fatalf("step %s reached: %v; err %v", step, seen, err)
				}
				killed := filepath.Join(frozen, "out")
				switch step {
				case StepStaged, StepSealed:
					mustBe(t, killed, s.treeA, "the old set")
				case StepMovedAside:
					if exists(killed) {
						t.Fatal("out/ is there between the two renames")
					}
					mustBe(t, sibling(killed, prevSuffix), s.treeA, "the old set moved aside")
				default:
					mustBe(t, killed, s.treeB, "the new set")
				}
				// The next run starts from what the kill left.
				d, err := NewDir(killed)
				if err != nil {
					t.Fatal(err)
				}
				if step == StepMovedAside {
					mustBe(t, killed, s.treeA, "the old set, put back")
				}
				d.Abort()
				if err := Write(killed, s.b, setFormats, s.ob); err != nil {
					t.Fatal(err)
				}
				mustBe(t, killed, s.treeB, "the new set")
				noLeftovers(t, killed)
			})
		}
	}
}

func mustBe(t *testing.T, dir string, want map[string]string, what string) {
	t.Helper()
	if got := snapshot(t, dir); !mapsEqual(got, want) {
		t.Fatalf("%s is not %s: it holds %v", dir, what, listFiles(t, dir))
	}
}

// Readers that open out/ once and read through that handle see one whole
// set, whatever the commits going on; a file read by its path is always
// whole.
func TestReadersSeeOneSet(t *testing.T) {
	s := newTwoSets(t)
	for _, mode := range []string{"exchange", "renames"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "renames" {
				withoutExchange(t)
			}
			out := filepath.Join(t.TempDir(), "out")
			if err := Write(out, s.a, setFormats, s.oa); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			// One reader beside the writer: the machine may have two cores.
			var complete, replaced int
			reader := make(chan struct{})
			go func() {
				defer close(reader)
				for {
					select {
					case <-done:
						return
					default:
					}
					if got, ok := readSet(out); !ok {
						replaced++
					} else {
						complete++
						if !mapsEqual(got, s.treeA) && !mapsEqual(got, s.treeB) {
							t.Errorf("a reader saw a mix of two sets: %d files", len(got))
						}
					}
					for name := range s.treeA {
						data, err := os.ReadFile(filepath.Join(out, name))
						if err == nil && string(data) != s.treeA[name] && string(data) != s.treeB[name] {
							t.Errorf("%s read by path is neither run's", name)
						}
					}
				}
			}()
			last := s.a
			for i := range 8 {
				r, o := s.a, s.oa
				if i%2 == 0 {
					r, o = s.b, s.ob
				}
				if err := Write(out, r, setFormats, o); err != nil {
					t.Error(err)
				}
				last = r
			}
			close(done)
			<-reader
			want := s.treeB
			if last == s.a {
				want = s.treeA
			}
			if got, ok := readSet(out); !ok || !mapsEqual(got, want) {
				t.Errorf("after the runs a reader does not see the last set")
			}
			t.Logf("%d whole sets read, %d reads found their set replaced midway", complete, replaced)
		})
	}
}

// readSet reads every file of out through one handle on the folder; ok is
// false when the set was replaced (and removed) before all was read.
func readSet(out string) (map[string]string, bool) {
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, false
	}
	defer root.Close()
	m := map[string]string{}
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := root.ReadFile(p)
		m[p] = string(data)
		return err
	})
	if err != nil {
		return nil, false
	}
	// A folder being removed can list fewer files than its manifest.
	listed, err := root.ReadFile(manifestName)
	if err != nil {
		return nil, false
	}
	for _, l := range strings.Split(string(listed), "\n") {
		if _, ok := m[l]; l != "" && !strings.HasPrefix(l, "#") && !ok {
			return nil, false
		}
	}
	return m, true
}

// A folder holding files dossier did not write is refused as an output
// folder, before anything is written, and left exactly as it was.
func TestForeignFilesAreNeverDeleted(t *testing.T) {
	s := newTwoSets(t)
	cases := map[string]func(out string){
		"a file of the user's": func(out string) { write(t, filepath.Join(out, "notes.txt"), "mine") },
		"a csv not in the set": func(out string) { write(t, filepath.Join(out, "csv", "mine.csv"), "a,b\n") },
		"an empty folder":      func(out string) { os.Mkdir(filepath.Join(out, "archive"), 0o755) },
		"a link":               func(out string) { os.Symlink("/etc/hostname", filepath.Join(out, "csv", "x.csv")) },
	}
	for name, add := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := Write(out, s.a, setFormats, s.oa); err != nil {
				t.Fatal(err)
			}
			add(out)
			before := snapshot(t, out)
			err := Write(out, s.b, setFormats, s.ob)
			var fe *ForeignError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a ForeignError", err)
			}
			if after := snapshot(t, out); !mapsEqual(before, after) {
				t.Error("the refused run changed out/")
			}
			noLeftovers(t, out)
		})
	}

	// A file that arrives while the run works is found before the swap.
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, s.a, setFormats, s.oa); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(out, setFormats, s.ob)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(s.b); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(out, "notes.txt"), "mine")
	var fe *ForeignError
	if err := w.Finish(s.b); !errors.As(err, &fe) || fe.Paths[0] != "notes.txt" {
		t.Fatalf("got %v, want a ForeignError naming notes.txt", err)
	}
	want := union(s.treeA, map[string]string{"notes.txt": "mine"})
	mustBe(t, out, want, "the old set and the user's file")
	noLeftovers(t, out)
}

func union(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// An out/ written before output sets had manifests, with the scratch files
// of a killed run and the files macOS and Windows add to folders one
// browses, is replaced by exactly the new set.
func TestEarlierLayoutIsReplaced(t *testing.T) {
	s := newTwoSets(t)
	out := filepath.Join(t.TempDir(), "out")
	for _, f := range []string{"dossier.json", "dossier.xlsx", "datapackage.json", "report.json", "rejected.jsonl",
		"csv/poll.csv", "csv/gone-kind.csv", "jsonl/note.jsonl", ".spool-rows-note-123", ".dossier.json4567",
		"csv/.poll.csv89-1", ".DS_Store", "csv/Thumbs.db", "._dossier.xlsx"} {
		os.MkdirAll(filepath.Dir(filepath.Join(out, f)), 0o755)
		write(t, filepath.Join(out, f), "earlier "+f)
	}
	if err := Write(out, s.b, setFormats, s.ob); err != nil {
		t.Fatal(err)
	}
	mustBe(t, out, s.treeB, "the new set")
	noLeftovers(t, out)
}

// What killed runs left beside out/ is removed by the next run; a folder
// a live run is writing is left alone; a left folder holding a file
// dossier did not write stops the run, and the file stays.
func TestLeftoversAreRemoved(t *testing.T) {
	s := newTwoSets(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Write(out, s.a, setFormats, s.oa); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		// a staging folder never committed: everything in it is dossier's
		".out.dossier-1/" + stagingMarker: "", ".out.dossier-1/review.html": "x", ".out.dossier-1/csv/poll.csv": "x",
		// an old set with its manifest, partly removed
		".out.dossier-2/" + manifestName: "csv/poll.csv\nreview.html\n", ".out.dossier-2/review.html": "x",
		// an old set from before manifests
		".out.dossier-3/dossier.json": "x", ".out.dossier-3/csv/poll.csv": "x",
		// the old set of the fallback swap, out/ being there
		".out.dossier-prev/dossier.json": "x",
	}
	for f, c := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(parent, f)), 0o755)
		write(t, filepath.Join(parent, f), c)
	}
	os.Mkdir(filepath.Join(parent, ".out.dossier-4"), 0o755)
	live, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(out, s.b, setFormats, s.ob); err != nil {
		t.Fatal(err)
	}
	mustBe(t, out, s.treeB, "the new set")
	if !exists(live.Root) {
		t.Fatal("a live run's staging folder was removed")
	}
	live.Abort()
	noLeftovers(t, out)

	stray := filepath.Join(parent, ".out.dossier-5", "notes.txt")
	os.MkdirAll(filepath.Dir(stray), 0o755)
	write(t, stray, "mine")
	write(t, filepath.Join(filepath.Dir(stray), "dossier.json"), "x")
	var fe *ForeignError
	if err := Write(out, s.a, setFormats, s.oa); !errors.As(err, &fe) || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("got %v, want a ForeignError naming notes.txt", err)
	}
	if data, err := os.ReadFile(stray); err != nil || string(data) != "mine" {
		t.Errorf("the user's file is gone: %v", err)
	}
	mustBe(t, out, s.treeB, "the set as it was")
}

// Two runs on one output folder each commit a whole set; the second
// commit wins.
func TestTwoRunsAtOnce(t *testing.T) {
	s := newTwoSets(t)
	out := filepath.Join(t.TempDir(), "out")
	w1, err := NewWriter(out, setFormats, s.oa)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := NewWriter(out, setFormats, s.ob)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		w *Writer
		r *model.Result
	}{{w1, s.a}, {w2, s.b}} {
		if err := c.w.Start(c.r); err != nil {
			t.Fatal(err)
		}
		for _, kind := range c.r.KindsInOrder() {
			for _, f := range c.r.Facts[kind] {
				if err := c.w.Fact(f, c.w.Prepare(c.r.Schemas.Kinds[kind], f)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := w1.Finish(s.a); err != nil {
		t.Fatal(err)
	}
	mustBe(t, out, s.treeA, "the first run's set")
	if err := w2.Finish(s.b); err != nil {
		t.Fatal(err)
	}
	mustBe(t, out, s.treeB, "the second run's set")
	noLeftovers(t, out)
}

// An output folder given as a symbolic link stays a link; the folder it
// names holds the new set.
func TestSymlinkedOutputFolder(t *testing.T) {
	s := newTwoSets(t)
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real"), filepath.Join(dir, "out")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, c := range []struct {
		r *model.Result
		o Options
	}{{s.a, s.oa}, {s.b, s.ob}} {
		if err := Write(link, c.r, setFormats, c.o); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("out is no longer a link: %v", err)
	}
	mustBe(t, target, s.treeB, "the new set")
	noLeftovers(t, target)
}

// A file named by the inputs cannot take the manifest's place.
func TestManifestNameIsReserved(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{manifestName, stagingMarker} {
		if _, err := d.Create(p); err == nil {
			t.Errorf("Create(%q) succeeded", p)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
}

// A swap the file system refuses (out/ a mount point: EXDEV or EBUSY)
// fails the run and leaves out/ as it was, with nothing beside it.
func TestRefusedSwapKeepsPreviousOutputs(t *testing.T) {
	s := newTwoSets(t)
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, s.a, setFormats, s.oa); err != nil {
		t.Fatal(err)
	}
	exchangeDirs = func(a, b string) error { return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EXDEV} }
	t.Cleanup(func() { exchangeDirs = exchange })
	if err := Write(out, s.b, setFormats, s.ob); !errors.Is(err, syscall.EXDEV) {
		t.Fatalf("got %v, want the swap's error", err)
	}
	mustBe(t, out, s.treeA, "the old set")
	noLeftovers(t, out)
}
