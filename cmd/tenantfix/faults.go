//go:build tenantfix_faults

package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"

	"github.com/tenantlint/tenantlint/rewrite"
)

// testHooks is the fault injection of the tests, in binaries built with
// -tags tenantfix_faults only (the release build has none: see
// nofaults.go). Each variable names a step of rewrite's Hooks by its
// number (rewrite.Step.N):
//
//	TENANTFIX_TEST_KILL_AT=N     the process kills itself (SIGKILL) at step N
//	TENANTFIX_TEST_FAIL_AT=N     step N fails with "no space left on device"
//	TENANTFIX_TEST_FAIL_WRITE=I  the write of the plan's file I fails
//	TENANTFIX_TEST_STEPS=FILE    each step is appended to FILE, one a line
func testHooks() rewrite.Hooks {
	num := func(name string) int {
		if s := os.Getenv(name); s != "" {
			if n, err := strconv.Atoi(s); err == nil {
				return n
			}
		}
		return -1
	}
	killAt, failAt, failWrite := num("TENANTFIX_TEST_KILL_AT"), num("TENANTFIX_TEST_FAIL_AT"), num("TENANTFIX_TEST_FAIL_WRITE")
	trace := os.Getenv("TENANTFIX_TEST_STEPS")
	return rewrite.Hooks{Step: func(s rewrite.Step) error {
		if trace != "" {
			if f, err := os.OpenFile(trace, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				fmt.Fprintf(f, "%d %s %d %s\n", s.N, s.Kind, s.File, s.Path)
				f.Close()
			}
		}
		switch {
		case s.N == killAt:
			if self, err := os.FindProcess(os.Getpid()); err == nil {
				self.Kill() // SIGKILL on Unix
			}
			select {} // the signal is on its way
		case s.N == failAt:
			return fmt.Errorf("injected failure (TENANTFIX_TEST_FAIL_AT=%d): %w", failAt, syscall.ENOSPC)
		case s.Kind == "write" && s.File == failWrite:
			return fmt.Errorf("injected write failure (TENANTFIX_TEST_FAIL_WRITE=%d)", failWrite)
		}
		return nil
	}}
}
