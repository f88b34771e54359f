package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// GitHubMaxAnnotations is how many error annotations GitHub shows per
// step; GitHub prints at most this many ::error commands.
const GitHubMaxAnnotations = 10

// GitHub writes GitHub Actions workflow commands: one ::error per finding,
// at most GitHubMaxAnnotations of them, then a ::notice saying how many
// were left out. When summaryPath is not "" (the GITHUB_STEP_SUMMARY
// file), a Markdown table of all findings is appended to it.
func GitHub(w io.Writer, fs []Finding, summaryPath string) error {
	for i, f := range fs {
		if i == GitHubMaxAnnotations {
			break
		}
		props := []string{"file=" + ghProperty(filepath.ToSlash(f.File))}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
			if f.EndLine >= f.Line {
				props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
				if f.EndColumn > 0 {
					props = append(props, fmt.Sprintf("endColumn=%d", f.EndColumn))
				}
			}
		}
		props = append(props, "title="+ghProperty(f.Check))
		if _, err := fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), ghData(f.Message)); err != nil {
			return err
		}
	}
	if n := len(fs) - GitHubMaxAnnotations; n > 0 {
		where := "run tenantlint with --format text to list them"
		if summaryPath != "" {
			where = "the job summary lists all of them"
		}
		msg := fmt.Sprintf("tenantlint: %d of %d findings are not annotated (GitHub shows %d per step); %s",
			n, len(fs), GitHubMaxAnnotations, where)
		if _, err := fmt.Fprintf(w, "::notice::%s\n", ghData(msg)); err != nil {
			return err
		}
	}
	if summaryPath == "" {
		return nil
	}
	return appendSummary(summaryPath, fs)
}

// appendSummary appends a Markdown table of fs to the step summary file.
func appendSummary(path string, fs []Finding) error {
	var b strings.Builder
	switch len(fs) {
	case 0:
		b.WriteString("### tenantlint: no findings\n\n")
	case 1:
		b.WriteString("### tenantlint: 1 finding\n\n")
	default:
		fmt.Fprintf(&b, "### tenantlint: %d findings\n\n", len(fs))
	}
	if len(fs) > 0 {
		b.WriteString("| Check | File | Line | Column | Message | Fix |\n|---|---|---:|---:|---|---|\n")
		for _, f := range fs {
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s |\n", mdCell(f.Check), mdCell(filepath.ToSlash(f.File)),
				f.Line, f.Column, mdCell(f.Message), mdCell(f.Fix))
		}
		b.WriteString("\n")
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	_, err = file.WriteString(b.String())
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	mdCellEscaper     = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")
)

// ghData escapes a workflow command's message.
func ghData(s string) string { return ghDataEscaper.Replace(s) }

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }

// mdCell escapes a Markdown table cell.
func mdCell(s string) string { return mdCellEscaper.Replace(s) }
