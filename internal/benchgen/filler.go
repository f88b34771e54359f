package benchgen

// fillerBlock is ordinary service code with no tenant concern: $S is the
// file's index (names stay unique within a package), @@ a backquote.
type fillerBlock struct {
	imports []string
	text    string
}

var fillerBlocks = []fillerBlock{
	{imports: []string{"encoding/json", "errors", "fmt", "sort", "strings"}, text: `
// Widget$S is a catalog entry served by the API.
type Widget$S struct {
	ID    int               @@json:"id"@@
	Name  string            @@json:"name"@@
	Tags  []string          @@json:"tags,omitempty"@@
	Attrs map[string]string @@json:"attrs,omitempty"@@
	Score float64           @@json:"score"@@
}

// Validate reports whether w is complete.
func (w *Widget$S) Validate() error {
	if w.ID <= 0 {
		return fmt.Errorf("widget %d: bad id", w.ID)
	}
	if strings.TrimSpace(w.Name) == "" {
		return errors.New("widget: empty name")
	}
	for i, t := range w.Tags {
		if t == "" {
			return fmt.Errorf("widget %d: empty tag at %d", w.ID, i)
		}
	}
	return nil
}

func (w Widget$S) String() string {
	return fmt.Sprintf("%d:%s[%s]", w.ID, w.Name, strings.Join(w.Tags, ","))
}

// Widget$SList sorts widgets by score, then name.
type Widget$SList []*Widget$S

func (l Widget$SList) Len() int      { return len(l) }
func (l Widget$SList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l Widget$SList) Less(i, j int) bool {
	if l[i].Score != l[j].Score {
		return l[i].Score > l[j].Score
	}
	return l[i].Name < l[j].Name
}

// EncodeWidgets$S validates, sorts and encodes ws.
func EncodeWidgets$S(ws []*Widget$S) ([]byte, error) {
	for _, w := range ws {
		if err := w.Validate(); err != nil {
			return nil, err
		}
	}
	sorted := append(Widget$SList(nil), ws...)
	sort.Sort(sorted)
	return json.Marshal(sorted)
}

// DecodeWidgets$S is the inverse of EncodeWidgets$S.
func DecodeWidgets$S(data []byte) ([]*Widget$S, error) {
	var ws []*Widget$S
	if err := json.Unmarshal(data, &ws); err != nil {
		return nil, fmt.Errorf("decode widgets: %w", err)
	}
	return ws, nil
}
`},
	{imports: []string{"cmp", "slices"}, text: `
// Map$S applies f to every element of xs.
func Map$S[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// Filter$S keeps the elements for which keep is true.
func Filter$S[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// Reduce$S folds xs into an accumulator.
func Reduce$S[T, A any](xs []T, acc A, f func(A, T) A) A {
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

// Set$S is an ordered set.
type Set$S[T cmp.Ordered] struct {
	m map[T]struct{}
}

// NewSet$S returns a set holding xs.
func NewSet$S[T cmp.Ordered](xs ...T) *Set$S[T] {
	s := &Set$S[T]{m: make(map[T]struct{}, len(xs))}
	for _, x := range xs {
		s.Add(x)
	}
	return s
}

func (s *Set$S[T]) Add(x T)           { s.m[x] = struct{}{} }
func (s *Set$S[T]) Has(x T) bool      { _, ok := s.m[x]; return ok }
func (s *Set$S[T]) Len() int          { return len(s.m) }
func (s *Set$S[T]) Union(o *Set$S[T]) *Set$S[T] {
	u := NewSet$S[T](s.Sorted()...)
	for x := range o.m {
		u.Add(x)
	}
	return u
}

// Sorted returns the elements in order.
func (s *Set$S[T]) Sorted() []T {
	out := make([]T, 0, len(s.m))
	for x := range s.m {
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}

// GroupBy$S groups xs by key.
func GroupBy$S[K comparable, V any](xs []V, key func(V) K) map[K][]V {
	out := map[K][]V{}
	for _, x := range xs {
		k := key(x)
		out[k] = append(out[k], x)
	}
	return out
}

// TopN$S returns the n smallest elements by compare.
func TopN$S[T any](xs []T, n int, compare func(a, b T) int) []T {
	c := slices.Clone(xs)
	slices.SortFunc(c, compare)
	if n < len(c) {
		c = c[:n]
	}
	return c
}
`},
	{imports: []string{"errors", "fmt", "maps", "slices", "strconv", "strings"}, text: `
// Options$S are the options of a job, written "k=v; k2=v2".
type Options$S struct {
	Timeout int
	Retries int
	Verbose bool
	Labels  map[string]string
}

var errEmptyOption$S = errors.New("empty option")

// ParseOptions$S parses an option list.
func ParseOptions$S(s string) (*Options$S, error) {
	o := &Options$S{Timeout: 30, Retries: 3, Labels: map[string]string{}}
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("option %q: %w", part, errEmptyOption$S)
		}
		var err error
		switch k = strings.ToLower(strings.TrimSpace(k)); k {
		case "timeout":
			o.Timeout, err = strconv.Atoi(v)
		case "retries":
			o.Retries, err = strconv.Atoi(v)
		case "verbose":
			o.Verbose, err = strconv.ParseBool(v)
		default:
			o.Labels[k] = strings.TrimSpace(v)
		}
		if err != nil {
			return nil, fmt.Errorf("option %s: %w", k, err)
		}
	}
	return o, nil
}

// Encode writes the options back, labels sorted.
func (o *Options$S) Encode() string {
	parts := []string{
		"timeout=" + strconv.Itoa(o.Timeout),
		"retries=" + strconv.Itoa(o.Retries),
		"verbose=" + strconv.FormatBool(o.Verbose),
	}
	for _, k := range slices.Sorted(maps.Keys(o.Labels)) {
		parts = append(parts, k+"="+o.Labels[k])
	}
	return strings.Join(parts, "; ")
}
`},
	{imports: []string{"math", "sort"}, text: `
// Sample$S is a series of measurements.
type Sample$S []float64

// Mean is the arithmetic mean, 0 for no data.
func (s Sample$S) Mean() float64 {
	if len(s) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return sum / float64(len(s))
}

// StdDev is the population standard deviation.
func (s Sample$S) StdDev() float64 {
	if len(s) < 2 {
		return 0
	}
	m := s.Mean()
	v := 0.0
	for _, x := range s {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(s)))
}

// Percentile returns the p-th percentile (0 ≤ p ≤ 100), nearest rank.
func (s Sample$S) Percentile(p float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	c := append(Sample$S(nil), s...)
	sort.Float64s(c)
	rank := int(math.Ceil(p / 100 * float64(len(c))))
	if rank < 1 {
		rank = 1
	}
	return c[rank-1]
}

// Histogram$S counts xs in equal-width buckets between their extremes.
func Histogram$S(xs []float64, buckets int) []int {
	out := make([]int, buckets)
	if len(xs) == 0 || buckets == 0 {
		return out
	}
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	width := (hi - lo) / float64(buckets)
	for _, x := range xs {
		i := buckets - 1
		if width > 0 {
			i = min(int((x-lo)/width), buckets-1)
		}
		out[i]++
	}
	return out
}
`},
	{imports: []string{"fmt", "math"}, text: `
// Shape$S is a plane figure.
type Shape$S interface {
	Area() float64
	Perimeter() float64
}

// Rect$S is an axis-aligned rectangle.
type Rect$S struct{ W, H float64 }

// Circle$S is a circle.
type Circle$S struct{ R float64 }

// Poly$S is a closed polygon.
type Poly$S struct{ Pts [][2]float64 }

func (r Rect$S) Area() float64        { return r.W * r.H }
func (r Rect$S) Perimeter() float64   { return 2 * (r.W + r.H) }
func (c Circle$S) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle$S) Perimeter() float64 { return 2 * math.Pi * c.R }

func (p Poly$S) Area() float64 {
	a := 0.0
	for i := range p.Pts {
		j := (i + 1) % len(p.Pts)
		a += p.Pts[i][0]*p.Pts[j][1] - p.Pts[j][0]*p.Pts[i][1]
	}
	return math.Abs(a) / 2
}

func (p Poly$S) Perimeter() float64 {
	d := 0.0
	for i := range p.Pts {
		j := (i + 1) % len(p.Pts)
		d += math.Hypot(p.Pts[j][0]-p.Pts[i][0], p.Pts[j][1]-p.Pts[i][1])
	}
	return d
}

// Describe$S names a shape and its area.
func Describe$S(s Shape$S) string {
	switch v := s.(type) {
	case Rect$S:
		return fmt.Sprintf("rect %gx%g area %.2f", v.W, v.H, v.Area())
	case Circle$S:
		return fmt.Sprintf("circle r=%g area %.2f", v.R, v.Area())
	case Poly$S:
		return fmt.Sprintf("polygon of %d points area %.2f", len(v.Pts), v.Area())
	default:
		return fmt.Sprintf("shape %T", s)
	}
}

// TotalArea$S adds up the areas.
func TotalArea$S(shapes []Shape$S) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}
`},
	{imports: []string{"context", "sort", "sync"}, text: `
// Job$S is a unit of background work.
type Job$S struct {
	ID      int
	Payload string
}

// Result$S is a job's outcome.
type Result$S struct {
	ID  int
	N   int
	Err error
}

// RunJobs$S runs jobs on workers goroutines and returns the results by id.
func RunJobs$S(ctx context.Context, jobs []Job$S, workers int, f func(context.Context, Job$S) (int, error)) []Result$S {
	in := make(chan Job$S)
	out := make(chan Result$S, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				n, err := f(ctx, j)
				out <- Result$S{ID: j.ID, N: n, Err: err}
			}
		}()
	}
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	wg.Wait()
	close(out)
	var res []Result$S
	for r := range out {
		res = append(res, r)
	}
	sort.Slice(res, func(a, b int) bool { return res[a].ID < res[b].ID })
	return res
}
`},
	{imports: []string{"fmt", "strings"}, text: `
// State$S is the state of a long-running operation.
type State$S int

const (
	StateIdle$S State$S = iota
	StateRunning$S
	StatePaused$S
	StateDone$S
)

func (s State$S) String() string {
	switch s {
	case StateIdle$S:
		return "idle"
	case StateRunning$S:
		return "running"
	case StatePaused$S:
		return "paused"
	case StateDone$S:
		return "done"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

var transitions$S = map[State$S][]State$S{
	StateIdle$S:    {StateRunning$S},
	StateRunning$S: {StatePaused$S, StateDone$S},
	StatePaused$S:  {StateRunning$S, StateDone$S},
}

// Machine$S tracks an operation's state and history.
type Machine$S struct {
	cur     State$S
	history []State$S
}

// To moves to next if the transition is allowed.
func (m *Machine$S) To(next State$S) error {
	for _, ok := range transitions$S[m.cur] {
		if ok == next {
			m.history = append(m.history, m.cur)
			m.cur = next
			return nil
		}
	}
	return fmt.Errorf("cannot go from %v to %v", m.cur, next)
}

// History lists the states visited, oldest first.
func (m *Machine$S) History() string {
	var b strings.Builder
	for i, s := range m.history {
		if i > 0 {
			b.WriteString(" -> ")
		}
		b.WriteString(s.String())
	}
	return b.String()
}
`},
	{imports: []string{"fmt", "strings", "text/tabwriter"}, text: `
// Row$S is a line of a usage report.
type Row$S struct {
	Name  string
	Count int
	Ratio float64
}

// Render$S formats rows as an aligned table.
func Render$S(title string, rows []Row$S) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", title, strings.Repeat("=", len(title)))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tcount\tratio")
	total := 0
	for _, r := range rows {
		total += r.Count
		fmt.Fprintf(tw, "%s\t%d\t%.2f\n", r.Name, r.Count, r.Ratio)
	}
	fmt.Fprintf(tw, "total\t%d\t\n", total)
	tw.Flush()
	return b.String()
}
`},
	{imports: []string{"container/list"}, text: `
// LRU$S is a least-recently-used cache of bounded size.
type LRU$S[K comparable, V any] struct {
	cap   int
	ll    *list.List
	items map[K]*list.Element
}

type lruEntry$S[K comparable, V any] struct {
	key K
	val V
}

// NewLRU$S returns an empty cache holding at most capacity entries.
func NewLRU$S[K comparable, V any](capacity int) *LRU$S[K, V] {
	return &LRU$S[K, V]{cap: capacity, ll: list.New(), items: map[K]*list.Element{}}
}

// Get returns the value for k and marks it recently used.
func (c *LRU$S[K, V]) Get(k K) (V, bool) {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruEntry$S[K, V]).val, true
	}
	var zero V
	return zero, false
}

// Put stores v under k, evicting the oldest entry when full.
func (c *LRU$S[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		e.Value.(*lruEntry$S[K, V]).val = v
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&lruEntry$S[K, V]{key: k, val: v})
	if c.ll.Len() > c.cap {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*lruEntry$S[K, V]).key)
	}
}

// Keys lists the keys, most recent first.
func (c *LRU$S[K, V]) Keys() []K {
	out := make([]K, 0, c.ll.Len())
	for e := c.ll.Front(); e != nil; e = e.Next() {
		out = append(out, e.Value.(*lruEntry$S[K, V]).key)
	}
	return out
}
`},
	{imports: []string{"errors", "fmt"}, text: `
// NotFound$S says which record is missing.
type NotFound$S struct {
	Kind, ID string
}

func (e *NotFound$S) Error() string { return e.Kind + " " + e.ID + " not found" }

// ErrConflict$S is returned when a record changed underneath.
var ErrConflict$S = errors.New("conflict")

// Lookup$S finds kind/id in db.
func Lookup$S(db map[string]string, kind, id string) (string, error) {
	v, ok := db[kind+"/"+id]
	if !ok {
		return "", &NotFound$S{Kind: kind, ID: id}
	}
	if v == "" {
		return "", fmt.Errorf("%s %s: %w", kind, id, ErrConflict$S)
	}
	return v, nil
}

// Classify$S maps an error to an HTTP-like status.
func Classify$S(err error) int {
	var nf *NotFound$S
	switch {
	case err == nil:
		return 200
	case errors.As(err, &nf):
		return 404
	case errors.Is(err, ErrConflict$S):
		return 409
	}
	return 500
}
`},
	{imports: []string{"time"}, text: `
// Window$S is a half-open time interval.
type Window$S struct {
	Start, End time.Time
}

// Contains reports whether t is in the window.
func (w Window$S) Contains(t time.Time) bool {
	return !t.Before(w.Start) && t.Before(w.End)
}

// Split cuts the window into steps.
func (w Window$S) Split(step time.Duration) []Window$S {
	var out []Window$S
	for s := w.Start; s.Before(w.End); s = s.Add(step) {
		e := s.Add(step)
		if e.After(w.End) {
			e = w.End
		}
		out = append(out, Window$S{Start: s, End: e})
	}
	return out
}

// Label formats the window for logs.
func (w Window$S) Label() string {
	return w.Start.UTC().Format(time.RFC3339) + "/" + w.End.Sub(w.Start).String()
}

// Backoff$S is the delay before retry attempt n.
func Backoff$S(n int, base, max time.Duration) time.Duration {
	d := base
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}
`},
	{imports: []string{"encoding/json", "fmt", "net/http", "strings"}, text: `
// Route$S is one route of a server configuration.
type Route$S struct {
	Path    string @@json:"path"@@
	Method  string @@json:"method"@@
	Timeout int    @@json:"timeout_ms"@@
}

// ServerConfig$S is a server's JSON configuration.
type ServerConfig$S struct {
	Addr   string    @@json:"addr"@@
	Routes []Route$S @@json:"routes"@@
	Limits struct {
		RPS   int @@json:"rps"@@
		Burst int @@json:"burst"@@
	} @@json:"limits"@@
}

// LoadConfig$S decodes, validates and normalizes a configuration.
func LoadConfig$S(data []byte) (*ServerConfig$S, error) {
	var c ServerConfig$S
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	seen := map[string]bool{}
	routes := c.Routes[:0]
	for _, r := range c.Routes {
		r.Method = strings.ToUpper(r.Method)
		if r.Method == "" {
			r.Method = http.MethodGet
		}
		if !strings.HasPrefix(r.Path, "/") {
			return nil, fmt.Errorf("route %q: path must start with /", r.Path)
		}
		if seen[r.Method+" "+r.Path] {
			continue
		}
		seen[r.Method+" "+r.Path] = true
		routes = append(routes, r)
	}
	c.Routes = routes
	if c.Limits.Burst < c.Limits.RPS {
		c.Limits.Burst = c.Limits.RPS
	}
	return &c, nil
}
`},
}
