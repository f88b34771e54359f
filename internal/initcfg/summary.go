package initcfg

import (
	"fmt"
	"strings"
)

// Summary says in a few lines what the scan found and what the proposal
// makes of it.
func Summary(f *Findings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "scanned %s: %s, %s\n", f.Module, plural(f.Packages, "package"), plural(f.Structs, "struct"))
	row := func(what, text string) { fmt.Fprintf(&b, "  %-13s %s\n", what+":", text) }
	if len(f.Fields) == 0 {
		row("tenant field", "none found")
	} else {
		c := f.Fields[0]
		row("tenant field", fmt.Sprintf("%s on %s (proposed)%s", c.Name, plural(len(c.Carriers), "struct"), moreFields(f.Fields[1:])))
	}
	if len(f.Markers) == 0 {
		row("marker", "none found")
	} else {
		m := f.Markers[0]
		row("marker", fmt.Sprintf("%s, embedded by %d of them%s%s", m.Name, len(m.Carriers), proposedText(m.Proposed), more(len(f.Markers)-1)))
	}
	switch {
	case len(f.Repos) == 0:
		row("repository", "none found")
	case f.Repos[0].Proposed:
		r := f.Repos[0]
		row("repository", fmt.Sprintf("%s, instantiated with %d of them (proposed)%s", r.Name, len(r.Models), more(len(f.Repos)-1)))
		if r.Fix != nil && r.Fix.Error != "" {
			row("fix", "none proposed: the template does not compile for "+r.Fix.CheckedWith)
		}
	default:
		row("repository", fmt.Sprintf("no generic type proposed; %d commented out", len(f.Repos)))
	}
	var on []string
	for _, c := range f.TenantParams {
		if c.Proposed {
			on = append(on, fmt.Sprintf("parameter %s (%s)", c.Name, plural(c.Methods, "method")))
		}
	}
	for _, c := range f.TenantMethods {
		if c.Proposed {
			on = append(on, fmt.Sprintf("method %s (%s)", c.Name, plural(len(c.Types), "type")))
		}
	}
	if len(on) == 0 {
		row("methods", "none found")
	} else {
		row("methods", examples(on, 4)+" (proposed, also as tenant_values)")
	}
	if len(f.KeyFuncs) == 0 {
		row("key_func", "none found")
	} else {
		k := f.KeyFuncs[0]
		row("key_func", fmt.Sprintf("%s: %s (proposed)%s", k.Name, k.Why(), more(len(f.KeyFuncs)-1)))
	}
	if len(f.Presets) == 0 {
		row("presets", "none: go.mod requires no library that a preset covers")
	} else {
		var ps []string
		for _, p := range f.Presets {
			s := fmt.Sprintf("%s (%s in go.mod", p.Preset, p.Module)
			if p.Indirect {
				s += ", indirect: commented out"
			}
			ps = append(ps, s+")")
		}
		row("presets", strings.Join(ps, ", "))
	}
	for _, m := range f.PresetMisses {
		row("not proposed", m.Line())
	}
	var safe, apis, ignored []string
	for _, c := range f.CacheTypes {
		if c.Safe {
			safe = append(safe, c.Name)
		} else {
			apis = append(apis, c.Name)
		}
	}
	for _, c := range f.Ignore {
		if c.Proposed {
			ignored = append(ignored, c.Pattern)
		}
	}
	if len(apis) > 0 {
		row("cache apis", examples(apis, 3)+" (proposed)")
	}
	if len(safe) > 0 {
		row("safe types", examples(safe, 3)+" (proposed)")
	}
	if len(ignored) > 0 {
		row("ignored", examples(ignored, 3)+" (proposed)")
	}
	// #8's keys appear only when proposed: their comments in the file
	// say why not otherwise.
	if len(f.UnreferencedGenerated) > 0 {
		row("unreferenced", fmt.Sprintf("skip: %d of %d models referred to by nothing, %d in generated files (proposed)",
			len(f.Unreferenced), f.Models, len(f.UnreferencedGenerated)))
	}
	if e := f.CacheReport; e != nil && e.Proposed() {
		row("cache report", fmt.Sprintf("tenant-data: %d of %s with a non-string key, %d on a cache of no tenant data (proposed)",
			e.NonString, plural(e.Calls, "cache call"), e.NotData))
	}
	if !f.SQL.empty() {
		row("sql", sqlSummary(f.SQL))
	}
	if n := len(f.Broken); n > 0 {
		fmt.Fprintf(&b, "warning: %s had load or type errors, their types may be incomplete:\n", plural(n, "package"))
		for i, e := range f.Broken {
			if i == maxExamples {
				fmt.Fprintf(&b, "  and %d more\n", n-i)
				break
			}
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	return b.String()
}

func moreFields(rest []*FieldCandidate) string {
	var parts []string
	for _, c := range rest {
		state := "commented out"
		if c.Proposed {
			state = "proposed"
		}
		parts = append(parts, fmt.Sprintf("%s on %d (%s)", c.Name, len(c.Carriers), state))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; also " + examples(parts, 3)
}

func proposedText(on bool) string {
	if on {
		return " (proposed)"
	}
	return " (commented out: it would scope other structs too)"
}

func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("; %d more commented out", n)
}

// sqlSummary says what the sql section holds, or why it is commented out.
func sqlSummary(s *SQLProposal) string {
	if s.Off != "" {
		return "commented out: " + s.Off
	}
	var presets []string
	for _, p := range s.Presets {
		if p.Proposed {
			presets = append(presets, p.Preset)
		}
	}
	dialect := "postgres (the default: no PostgreSQL or MySQL driver found)"
	if d := s.dialect(); d != "" {
		dialect = d + " (" + s.Drivers[0].Evidence + ")"
	}
	tables, guessed := 0, 0
	for _, t := range s.Tables {
		if t.proposed() {
			tables++
		} else {
			guessed++
		}
	}
	tablesText := plural(tables, "tenant table")
	if guessed > 0 {
		tablesText += fmt.Sprintf(" (%d more that no model names, commented out)", guessed)
	}
	return fmt.Sprintf("%s, %s, presets %s (proposed)", dialect, tablesText, strings.Join(presets, ", "))
}
