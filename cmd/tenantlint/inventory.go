package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/tenantlint/tenantlint/internal/driver"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// runInventory writes the tenancy inventory. It always analyzes (the
// findings cache holds findings, not the inventory) and runs every check,
// and it exits 0 once the inventory is written whatever it lists: it is
// a report, not a gate.
func runInventory(stdout, stderr io.Writer, format, configPath string, checksGiven bool, patterns []string) int {
	if !slices.Contains(inventory.Formats, format) {
		fmt.Fprintf(stderr, "tenantlint: unknown --format %q for --inventory (known: %s)\n", format, strings.Join(inventory.Formats, ", "))
		return 2
	}
	if checksGiven {
		fmt.Fprintln(stderr, "tenantlint: --inventory covers every check; drop --checks")
		return 2
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	res, err := driver.Run(driver.Options{Config: configPath}, patterns)
	if err != nil {
		fmt.Fprintf(stderr, "tenantlint: %v\n", err)
		return 2
	}
	// Render fully before writing, so that a failure leaves no half page.
	var buf bytes.Buffer
	if err := inventory.Write(&buf, inventory.Build(res.ByPackage(), wd), format); err != nil {
		fmt.Fprintf(stderr, "tenantlint: writing the inventory: %v\n", err)
		return 2
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "tenantlint: writing the inventory: %v\n", err)
		return 2
	}
	return 0
}
