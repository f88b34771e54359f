package config

import "sort"

// PresetAPI is a built-in cache API: some types of one package that share a
// method table.
type PresetAPI struct {
	Pkg     string
	Types   []string
	Methods map[string]KeyArgs
}

func key(i int) KeyArgs               { return KeyArgs{Key: IntList{i}} }
func keys(is ...int) KeyArgs          { return KeyArgs{Key: IntList(is)} }
func variadicKeys(i int) KeyArgs      { return KeyArgs{Key: IntList{i}, Variadic: true} }
func sliceKeys(i int) KeyArgs         { return KeyArgs{Key: IntList{i}, Slice: true} }
func itemKey(i int, f string) KeyArgs { return KeyArgs{Key: IntList{i}, ItemField: f} }

// Presets are the built-in method tables, by the name used in cache.presets.
// Only string keys are checked, so generic caches count only when their
// key type is string.
var Presets = map[string][]PresetAPI{
	"go-redis": {{
		Pkg: "github.com/redis/go-redis/v9",
		Types: []string{"Client", "ClusterClient", "Ring", "Conn", "Tx",
			"Cmdable", "Pipeliner", "UniversalClient", "Pipeline", "StatefulCmdable"},
		Methods: goRedisMethods,
	}},
	"gomemcache": {{
		Pkg:   "github.com/bradfitz/gomemcache/memcache",
		Types: []string{"Client"},
		Methods: map[string]KeyArgs{
			"Get": key(0), "Delete": key(0), "Touch": key(0),
			"Increment": key(0), "Decrement": key(0),
			"GetMulti": sliceKeys(0),
			"Set":      itemKey(0, "Key"), "Add": itemKey(0, "Key"), "Replace": itemKey(0, "Key"),
			"CompareAndSwap": itemKey(0, "Key"), "Append": itemKey(0, "Key"), "Prepend": itemKey(0, "Key"),
		},
	}},
	"go-cache": {{
		Pkg:     "github.com/patrickmn/go-cache",
		Types:   []string{"Cache"},
		Methods: goCacheMethods(),
	}},
	"ristretto": {{
		Pkg:   "github.com/dgraph-io/ristretto/v2",
		Types: []string{"Cache"},
		Methods: map[string]KeyArgs{
			"Get": key(0), "GetTTL": key(0), "Set": key(0), "SetWithTTL": key(0), "Del": key(0),
		},
	}},
	"bigcache": {{
		Pkg:   "github.com/allegro/bigcache/v3",
		Types: []string{"BigCache"},
		Methods: map[string]KeyArgs{
			"Get": key(0), "GetWithInfo": key(0), "Set": key(0), "Append": key(0), "Delete": key(0),
		},
	}},
	"golang-lru": {
		{
			Pkg:     "github.com/hashicorp/golang-lru/v2",
			Types:   []string{"Cache", "TwoQueueCache"},
			Methods: lruMethods(),
		},
		{
			Pkg:     "github.com/hashicorp/golang-lru/v2/expirable",
			Types:   []string{"LRU"},
			Methods: lruMethods(),
		},
		{
			Pkg:     "github.com/hashicorp/golang-lru/arc/v2",
			Types:   []string{"ARCCache"},
			Methods: lruMethods(),
		},
	},
}

func lruMethods() map[string]KeyArgs {
	return map[string]KeyArgs{
		"Add": key(0), "Get": key(0), "Contains": key(0), "Peek": key(0),
		"ContainsOrAdd": key(0), "PeekOrAdd": key(0), "Remove": key(0),
	}
}

func goCacheMethods() map[string]KeyArgs {
	m := map[string]KeyArgs{
		"Set": key(0), "SetDefault": key(0), "Add": key(0), "Replace": key(0),
		"Get": key(0), "GetWithExpiration": key(0), "Delete": key(0),
		"Increment": key(0), "Decrement": key(0),
		"IncrementFloat": key(0), "DecrementFloat": key(0),
	}
	for _, t := range []string{"Int", "Int8", "Int16", "Int32", "Int64",
		"Uint", "Uintptr", "Uint8", "Uint16", "Uint32", "Uint64", "Float32", "Float64"} {
		m["Increment"+t] = key(0)
		m["Decrement"+t] = key(0)
	}
	return m
}

// PresetNames lists the known presets, sorted.
func PresetNames() []string {
	names := make([]string, 0, len(Presets))
	for n := range Presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
