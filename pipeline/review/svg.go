package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// The pictures are inline SVG drawn from the data: they show without the
// page's script, and every series and event is named in text, so that
// none rests on colour alone. Each has its numbers in a table below it.

// seriesStyles tell a chart's series apart by colour, marker and dash.
// The colours keep a contrast of at least 4.5:1 on white.
var seriesStyles = []struct{ colour, marker, dash string }{
	{"#1f4e9c", "circle", ""},
	{"#a63d00", "square", "6 3"},
	{"#2e6b30", "triangle", "2 3"},
	{"#7b1fa2", "diamond", "8 3 2 3"},
	{"#b71c1c", "cross", "1 4"},
	{"#00695c", "circle", "10 4"},
}

func pairLabel(pair string) string { return strings.ReplaceAll(pair, ";", " – ") }

func (pg *page) pictureSection() {
	p := pg.p
	p.s(`<section id="pictures" aria-labelledby="pictures-h">`, "\n", `<h2 id="pictures-h">Pictures</h2>`, "\n")
	pg.timelines()
	pg.pollCharts()
	p.s("</section>\n")
}

// timelines draws each pair's dated events on a time axis, one row each:
// a dot for a day, a bar for a month or a year (the precision the source
// gives).
func (pg *page) timelines() {
	p := pg.p
	pairs, total := pg.c.Events(pg.c.lim.Pairs)
	p.s(`<h3 id="events-h">Events</h3>`, "\n")
	if len(pairs) == 0 {
		p.s("<p>No events.</p>\n")
		return
	}
	if total > len(pairs) {
		p.f("<p class=\"more\">The %s pairs with the most events of %s; csv/event.csv has them all.</p>\n", num(len(pairs)), num(total))
	}
	for pi, ep := range pairs {
		var dated []Event
		var undated []Event
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, e := range ep.Events {
			a, b, ok := period(e.Date)
			if !ok {
				undated = append(undated, e)
				continue
			}
			dated = append(dated, e)
			lo, hi = math.Min(lo, a), math.Max(hi, b)
		}
		id := fmt.Sprintf("tl-%d", pi+1)
		p.f("<figure class=\"timeline\" aria-labelledby=\"%s-c\">\n<figcaption id=\"%s-c\">Events of %s: %s", id, id, esc(pairLabel(ep.Pair)), plural(ep.Total, "event", "events"))
		if ep.Total > len(ep.Events) {
			p.f(", the first %s shown", num(len(ep.Events)))
		}
		p.s("</figcaption>\n")
		if len(dated) > 0 {
			pg.timelineSVG(id, ep.Pair, dated, lo, hi)
		}
		p.s("<details><summary>The events as a list</summary>\n<ol>\n")
		for _, e := range append(dated, undated...) {
			when := e.Date
			if when == "" {
				when = "undated"
				if e.Text != "" {
					when = "“" + e.Text + "”"
				}
			}
			p.s("<li>", esc(when), " — <strong>", esc(e.Type), "</strong>: ", esc(e.Summary))
			if e.entry >= 0 && pg.c.entries[e.entry].doc >= 0 {
				p.f(` <a href="#e%d">(quote)</a>`, e.entry)
			}
			p.s("</li>\n")
		}
		p.s("</ol>\n</details>\n</figure>\n")
	}
}

func (pg *page) timelineSVG(id, pair string, events []Event, lo, hi float64) {
	p := pg.p
	lo, hi = math.Floor(lo), math.Ceil(hi)
	if hi-lo < 2 {
		lo, hi = lo-1, hi+1
	}
	// Each event is a row: its date, type and summary on the left, its
	// time on the axis at the right.
	const width, labelW, right, rowH, top = 900.0, 470.0, 20.0, 22.0, 8.0
	height := top + rowH*float64(len(events)) + 30
	x := func(t float64) float64 { return labelW + 10 + (t-lo)/(hi-lo)*(width-labelW-10-right) }
	p.f(`<svg class="chart" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="%s-t">`, width, height, width, height, id)
	p.f(`<title id="%s-t">Timeline of the events of %s, from %d to %d</title>`, id, esc(pairLabel(pair)), int(lo), int(hi)-1)
	axisY := top + rowH*float64(len(events)) + 4
	step := yearStep(int(hi - lo))
	for y := int(lo); y <= int(hi); y++ {
		if (y-int(lo))%step != 0 {
			continue
		}
		p.f(`<line class="grid" x1="%.1f" y1="%g" x2="%.1f" y2="%g"/>`, x(float64(y)), top, x(float64(y)), axisY)
		p.f(`<text class="tick" x="%.1f" y="%g" text-anchor="middle">%d</text>`, x(float64(y)), axisY+16, y)
	}
	p.f(`<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, labelW+10, axisY, width-right, axisY)
	for i, e := range events {
		a, b, _ := period(e.Date)
		y := top + rowH*float64(i) + rowH/2
		if i%2 == 1 {
			p.f(`<rect class="band" x="0" y="%.1f" width="%g" height="%g"/>`, y-rowH/2, width, rowH)
		}
		link := e.entry >= 0 && pg.c.entries[e.entry].doc >= 0
		if link {
			p.f(`<a href="#e%d">`, e.entry)
		}
		p.s(`<g class="ev">`)
		label := e.Date + " " + e.Type
		if e.Summary != "" {
			label += ": " + e.Summary
		}
		p.f(`<text x="4" y="%.1f">%s</text>`, y+4, esc(clip(label, 72)))
		x0, x1 := x(a), x(b)
		if x1-x0 < 6 {
			p.f(`<circle cx="%.1f" cy="%.1f" r="4"/>`, (x0+x1)/2, y)
		} else {
			p.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="8" rx="2"/>`, x0, y-4, x1-x0)
		}
		p.s("</g>")
		if link {
			p.s("</a>")
		}
	}
	p.s("</svg>\n")
}

// yearStep is the gap between the year ticks: at most about 12 ticks.
func yearStep(span int) int {
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100} {
		if span/s <= 12 {
			return s
		}
	}
	return 200
}

// period is the time a date stands for, in fractional years: a year, a
// month or a day.
func period(date string) (from, to float64, ok bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, date)
		if err != nil {
			continue
		}
		var end time.Time
		switch layout {
		case "2006-01-02":
			end = t.AddDate(0, 0, 1)
		case "2006-01":
			end = t.AddDate(0, 1, 0)
		default:
			end = t.AddDate(1, 0, 0)
		}
		return yearFraction(t), yearFraction(end), true
	}
	return 0, 0, false
}

func yearFraction(t time.Time) float64 {
	start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	next := start.AddDate(1, 0, 0)
	return float64(t.Year()) + t.Sub(start).Hours()/next.Sub(start).Hours()
}

// pollCharts draws, for each pair, its poll shares by year, a line per
// measure (the mean when several polls give the same pair, measure and
// year).
func (pg *page) pollCharts() {
	p := pg.p
	pairs, total := pg.c.Polls(pg.c.lim.Pairs)
	p.s(`<h3 id="polls-h">Poll shares by year</h3>`, "\n")
	if len(pairs) == 0 {
		p.s("<p>No poll with a pair, a year, a measure and a value.</p>\n")
		return
	}
	p.s("<p>The headline share of each poll, by year and measure; where several polls give the same pair, measure and year, their mean.</p>\n")
	if total > len(pairs) {
		p.f("<p class=\"more\">The %s pairs with the most polls of %s; csv/poll.csv has them all.</p>\n", num(len(pairs)), num(total))
	}
	p.s(`<div class="charts">`, "\n")
	for i, pp := range pairs {
		pg.pollChart(fmt.Sprintf("pc-%d", i+1), pp)
	}
	p.s("</div>\n")
}

func (pg *page) pollChart(id string, pp PollPair) {
	p := pg.p
	const width, height, left, right, top, bottom = 420.0, 250.0, 44.0, 24.0, 16.0, 28.0
	legendH := 18.0 * float64((len(pp.Measures)+2)/3)
	lo, hi := pp.Years[0], pp.Years[len(pp.Years)-1]
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	plotTop := top + legendH
	x := func(y int) float64 { return left + float64(y-lo)/float64(hi-lo)*(width-left-right) }
	yv := func(v float64) float64 { return plotTop + (100-v)/100*(height-plotTop-bottom) }
	p.f("<figure class=\"poll\" aria-labelledby=\"%s-c\">\n<figcaption id=\"%s-c\">Polls of %s (%s)</figcaption>\n", id, id, esc(pairLabel(pp.Pair)), plural(pp.Facts, "poll", "polls"))
	p.f(`<svg class="chart" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="%s-t">`, width, height, width, height, id)
	p.f(`<title id="%s-t">Poll shares of %s by year, %d to %d: %s</title>`, id, esc(pairLabel(pp.Pair)), pp.Years[0], pp.Years[len(pp.Years)-1], esc(strings.Join(pp.Measures, ", ")))
	for _, v := range []float64{0, 25, 50, 75, 100} {
		p.f(`<line class="grid" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, left, yv(v), width-right, yv(v))
		p.f(`<text class="tick" x="%g" y="%.1f" text-anchor="end">%g%%</text>`, left-4, yv(v)+4, v)
	}
	step := yearStep(hi - lo)
	for y := lo; y <= hi; y++ {
		if (y-lo)%step == 0 {
			p.f(`<text class="tick" x="%.1f" y="%g" text-anchor="middle">%d</text>`, x(y), height-8, y)
		}
	}
	points := 0
	for _, m := range pp.Measures {
		points += len(pp.Shares[m])
	}
	for mi, m := range pp.Measures {
		st := seriesStyles[mi%len(seriesStyles)]
		lx, ly := left+float64(mi%3)*120, top+18*float64(mi/3)
		p.f(`<g class="legend">`)
		marker(p, st.marker, st.colour, lx+6, ly+4)
		p.f(`<text x="%.1f" y="%.1f">%s</text></g>`, lx+16, ly+8, esc(m))
		var pts []string
		for _, y := range pp.Years {
			if s, ok := pp.Shares[m][y]; ok {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(y), yv(s.Mean())))
			}
		}
		if len(pts) > 1 {
			dash := ""
			if st.dash != "" {
				dash = ` stroke-dasharray="` + st.dash + `"`
			}
			p.f(`<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`, st.colour, dash, strings.Join(pts, " "))
		}
		for _, y := range pp.Years {
			s, ok := pp.Shares[m][y]
			if !ok {
				continue
			}
			marker(p, st.marker, st.colour, x(y), yv(s.Mean()))
			if points <= 24 {
				p.f(`<text class="val" x="%.1f" y="%.1f" text-anchor="middle">%s%%</text>`, x(y), yv(s.Mean())-9, shareText(s.Mean()))
			}
		}
	}
	p.s("</svg>\n<details><summary>The numbers</summary>\n<table>\n<caption>Mean share by year and measure (polls)</caption>\n<thead><tr><th scope=\"col\">Year</th>")
	for _, m := range pp.Measures {
		p.s(`<th scope="col" class="n">`, esc(m), "</th>")
	}
	p.s("</tr></thead>\n<tbody>\n")
	for _, y := range pp.Years {
		p.f(`<tr><th scope="row">%d</th>`, y)
		for _, m := range pp.Measures {
			if s, ok := pp.Shares[m][y]; ok {
				p.f(`<td class="n">%s%% (%s)</td>`, shareText(s.Mean()), num(s.Count))
			} else {
				p.s(`<td class="n"></td>`)
			}
		}
		p.s("</tr>\n")
	}
	p.s("</tbody>\n</table>\n</details>\n</figure>\n")
}

// shareText writes a share with at most one decimal.
func shareText(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// marker draws a series' marker centred on (x, y).
func marker(p *pw, shape, colour string, x, y float64) {
	switch shape {
	case "square":
		p.f(`<rect x="%.1f" y="%.1f" width="8" height="8" fill="%s"/>`, x-4, y-4, colour)
	case "triangle":
		p.f(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>`, x, y-5, x+5, y+4, x-5, y+4, colour)
	case "diamond":
		p.f(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>`, x, y-5, x+5, y, x, y+5, x-5, y, colour)
	case "cross":
		p.f(`<path d="M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f" stroke="%s" stroke-width="2.5"/>`, x-4, y-4, x+4, y+4, x-4, y+4, x+4, y-4, colour)
	default:
		p.f(`<circle cx="%.1f" cy="%.1f" r="4.5" fill="%s"/>`, x, y, colour)
	}
}
