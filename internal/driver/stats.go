package driver

import (
	"reflect"

	"github.com/tenantlint/tenantlint/internal/lint"
)

// MergeStats adds src into dst field by field, whatever lint.Stats holds:
// numbers are summed, lists appended, so that fields added to Stats later
// are merged without this driver knowing them.
func MergeStats(dst, src *lint.Stats) {
	if src == nil {
		return
	}
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := 0; i < d.NumField(); i++ {
		df, sf := d.Field(i), s.Field(i)
		if !df.CanSet() {
			continue
		}
		switch df.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			df.SetInt(df.Int() + sf.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			df.SetUint(df.Uint() + sf.Uint())
		case reflect.Float32, reflect.Float64:
			df.SetFloat(df.Float() + sf.Float())
		case reflect.Slice:
			df.Set(reflect.AppendSlice(df, sf))
		case reflect.Map:
			if sf.Len() == 0 {
				continue
			}
			if df.IsNil() {
				df.Set(reflect.MakeMap(df.Type()))
			}
			for it := sf.MapRange(); it.Next(); {
				df.SetMapIndex(it.Key(), it.Value())
			}
		}
	}
}

// addStats records one package's statistics of one check, in the totals
// and per package.
func (r *Result) addStats(pkg, check string, s *lint.Stats) {
	t := r.Stats[check]
	if t == nil {
		t = new(lint.Stats)
		r.Stats[check] = t
	}
	MergeStats(t, s)
	if r.PackageStats == nil {
		r.PackageStats = map[string]map[string]*lint.Stats{}
	}
	byCheck := r.PackageStats[pkg]
	if byCheck == nil {
		byCheck = map[string]*lint.Stats{}
		r.PackageStats[pkg] = byCheck
	}
	byCheck[check] = s
}
