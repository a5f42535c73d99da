package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
)

// Output formats, chosen by a file's extension.
const (
	FormatPNG = "png"
	FormatSVG = "svg"
)

// DPI is the resolution of PNG output: a figure Width inches wide is
// Width×DPI pixels, enough for print at the usual column width.
const DPI = 150

// ErrFormat is returned for an output file whose extension is neither
// .png nor .svg.
var ErrFormat = errors.New("unknown figure format")

// Data is what figures are drawn from: the responses' columnar view and,
// for the caption, which dataset and codebook they come from.
type Data struct {
	Columns         *analysis.Columns
	Meta            dataset.Metadata
	CodebookVersion string
}

// FromDataset gives the figures' Data of a loaded dataset.
func FromDataset(ds *dataset.Dataset) Data {
	return Data{Columns: analysis.ColumnsOf(ds), Meta: ds.Meta, CodebookVersion: ds.Codebook.Version}
}

// Load reads the data a figure needs from dir, as the analysis commands
// do: the embedded dataset when dir is empty, a directory of YAML records,
// or a Parquet directory written by `rejoinder build` (only the columns
// and, when partitioned, the partitions the filter needs). The dataset's
// name and versions come from the records or the Parquet metadata.
func Load(dir string, f analysis.Filter) (Data, error) {
	if dir != "" && dataset.IsParquetDir(dir) {
		c, err := analysis.ReadColumnsWhere(dir, f)
		if err != nil {
			return Data{}, err
		}
		_, kv, err := dataset.ParquetInfo(dir)
		if err != nil {
			return Data{}, err
		}
		return Data{Columns: c, Meta: dataset.MetadataFromParquet(kv), CodebookVersion: kv[dataset.MetaCodebookVersion]}, nil
	}
	var ds *dataset.Dataset
	var err error
	if dir == "" {
		ds, err = dataset.Default()
	} else {
		ds, err = dataset.Load(dir)
	}
	if err != nil {
		return Data{}, err
	}
	return FromDataset(ds), nil
}

// source names the dataset for a caption: "rejoinder dataset 1.0.0,
// codebook 1.2.0".
func (d Data) source() string {
	name, version := d.Meta.Name, d.Meta.Version
	if name == "" {
		name = "rejoinder"
	}
	if version == "" {
		version = "(version unknown)"
	}
	s := name + " dataset " + version
	if d.CodebookVersion != "" {
		s += ", codebook " + d.CodebookVersion
	}
	return s
}

// Figure is a plot ready to render, with its size and a caption drawn
// under it. The plot may be changed (titles, ranges) before rendering.
type Figure struct {
	Plot          *gonum.Plot
	Width, Height vg.Length // the whole figure, caption included
	// Caption is drawn in small type under the plot, one line per
	// "\n"-separated line: what the figure shows and which dataset version.
	Caption string
	// Legend is drawn to the right of the plot rather than over the data,
	// in a band LegendWidth wide (none when LegendWidth is 0).
	Legend      gonum.Legend
	LegendWidth vg.Length
}

// Pixels returns the size of the figure's PNG in pixels.
func (fig *Figure) Pixels() (w, h int) {
	return int(fig.Width.Dots(DPI) + 0.5), int(fig.Height.Dots(DPI) + 0.5)
}

// FormatOf returns the figure format a path asks for by its extension
// (.png or .svg, any case), or ErrFormat.
func FormatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return FormatPNG, nil
	case ".svg":
		return FormatSVG, nil
	}
	return "", fmt.Errorf("%w %q for %s (allowed: .png, .svg)", ErrFormat, filepath.Ext(path), path)
}

// Save renders the figure to path in the format its extension names,
// through a temporary file renamed into place: an error leaves no file,
// and an existing one intact.
func (fig *Figure) Save(path string) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	// Render first, so that a rendering error never touches the file.
	var buf bytes.Buffer
	if err := fig.Render(&buf, format); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// Render writes the figure as PNG (at DPI) or SVG. The same figure gives
// byte-identical output every time.
func (fig *Figure) Render(w io.Writer, format string) error {
	switch format {
	case FormatPNG:
		c := vgimg.NewWith(vgimg.UseWH(fig.Width, fig.Height), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
		fig.draw(draw.New(c))
		_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
		return err
	case FormatSVG:
		c := vgsvg.NewWith(vgsvg.UseWH(fig.Width, fig.Height))
		fig.draw(draw.New(c))
		_, err := c.WriteTo(w)
		return err
	}
	return fmt.Errorf("%w %q (allowed: %s, %s)", ErrFormat, format, FormatPNG, FormatSVG)
}

// Layout, in points: the room kept under the plot per caption line, and
// the margins around it.
const (
	captionLine   vg.Length = 12
	captionMargin vg.Length = 8
	captionSize   vg.Length = 9
)

// draw lays the figure out: the plot above, the caption below, the legend
// at the right.
func (fig *Figure) draw(dc draw.Canvas) {
	sty := captionStyle(fig.Plot)
	lines := wrap(sty, fig.Caption, dc.Max.X-dc.Min.X-2*captionMargin)
	bottom := vg.Length(len(lines))*captionLine + 2*captionMargin
	// A white background for SVG (PNG has one already).
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	fig.Plot.Draw(draw.Crop(dc, 0, -fig.LegendWidth-captionMargin, bottom, 0))
	if fig.LegendWidth > 0 {
		lc := draw.Crop(dc, dc.Max.X-dc.Min.X-fig.LegendWidth, 0, bottom, -2*captionMargin)
		fig.Legend.Draw(lc)
	}
	for i, line := range lines {
		y := dc.Min.Y + bottom - captionMargin - vg.Length(i+1)*captionLine + 3
		dc.FillText(sty, vg.Point{X: dc.Min.X + captionMargin, Y: y}, line)
	}
}

// wrap breaks text into lines no wider than width in style sty, at
// spaces; a "\n" in text always breaks.
func wrap(sty text.Style, s string, width vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && sty.Width(try) > width {
				lines = append(lines, line)
				try = word
			}
			line = try
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// captionStyle is the plot's own text style, smaller and grey.
func captionStyle(p *gonum.Plot) text.Style {
	sty := p.Title.TextStyle
	sty.Font = font.From(gonum.DefaultFont, captionSize)
	sty.Color = color.Gray{Y: 0x40}
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YBottom
	return sty
}

// newPlot starts a plot with the house style: a title and axis labels
// in the default font, white background.
func newPlot(title, xLabel, yLabel string) *gonum.Plot {
	p := gonum.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 14
	p.Title.Padding = 8
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.BackgroundColor = color.Transparent
	return p
}

// newLegend is a legend in the plot's font, anchored at its canvas' top
// left.
func newLegend() gonum.Legend {
	l := gonum.NewLegend()
	l.Top, l.Left = true, true
	l.TextStyle.Font.Size = 10
	return l
}

// addLegend adds an entry to the figure's legend and widens the band kept
// for it to fit the entry's text.
func (fig *Figure) addLegend(label string, thumb gonum.Thumbnailer) {
	fig.Legend.Add(label, thumb)
	w := fig.Legend.TextStyle.Width(label) + fig.Legend.ThumbnailWidth + 2*fig.Legend.Padding + 2*captionMargin
	fig.LegendWidth = max(fig.LegendWidth, w)
}

// okabeIto is the colour-blind-safe palette of Okabe and Ito (2008),
// black left out: one colour per group, in group order.
var okabeIto = []color.RGBA{
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow (late: pale on white)
	{0x99, 0x99, 0x99, 0xFF}, // grey
}

// groupColor gives group i its colour; past the palette the colours
// repeat, darkened, so that neighbours still differ.
func groupColor(i int) color.Color {
	c := okabeIto[i%len(okabeIto)]
	if k := i / len(okabeIto); k > 0 {
		f := 1 / float64(k+1)
		c = color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), 0xFF}
	}
	return c
}
