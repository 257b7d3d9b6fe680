// The Go oracle of the fidelity tests: the real Kubernetes code from Debian's `kubernetes` source package,
// built in GOPATH mode against that tree's vendor/ by scripts/go-oracle.sh. It answers one JSON request
// per line on stdin with one JSON line on stdout, so a test can ask thousands of questions cheaply:
//   {"op":"quantity","in":"1.5Mi"}   resource.ParseQuantity, String(), the launcher's QuantityToMebiByte
//   {"op":"labelKey","in":"a/b"}     validation.IsQualifiedName (label keys)
//   {"op":"labelValue","in":"x"}     validation.IsValidLabelValue
//   {"op":"yaml","in":"a: 1"}        sigs.k8s.io/yaml.YAMLToJSON (what kubectl sends), then the API server's
//                                    JSON decoding (k8s.io/apimachinery/pkg/util/json: int64 or float64)
// Nothing here is the project's logic: it only calls upstream functions, plus a transcription of KubeVirt's
// QuantityToByte/QuantityToMebiByte (pkg/virt-launcher/virtwrap/converter/vcpu), which Debian does not ship.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"

	"k8s.io/apimachinery/pkg/api/resource"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

type request struct {
	Op string `json:"op"`
	In string `json:"in"`
}

type launcher struct {
	MiB   string `json:"mib,omitempty"`
	Error string `json:"error,omitempty"`
}

type quantityAnswer struct {
	OK        bool      `json:"ok"`
	Error     string    `json:"error,omitempty"`
	String    string    `json:"string,omitempty"`
	Canonical string    `json:"canonical,omitempty"`
	Negative  bool      `json:"negative,omitempty"`
	Zero      bool      `json:"zero,omitempty"`
	Direct    *launcher `json:"direct,omitempty"`
	Launcher  *launcher `json:"launcher,omitempty"`
}

// kubevirt pkg/virt-launcher/virtwrap/converter/vcpu QuantityToByte + QuantityToMebiByte (transcribed).
func quantityToMebiByte(q resource.Quantity) *launcher {
	memorySize, isInt := q.AsInt64()
	if !isInt {
		memorySize = q.Value() - 1
	}
	if memorySize < 0 {
		return &launcher{Error: fmt.Sprintf("Memory size '%s' must be greater than or equal to 0", q.String())}
	}
	bytes := uint64(memorySize)
	if bytes == 0 {
		return &launcher{MiB: "0"}
	} else if bytes < 1048576 {
		return &launcher{MiB: "1"}
	}
	return &launcher{MiB: strconv.FormatUint(uint64(float64(bytes)/1048576+0.5), 10)}
}

func answerQuantity(in string) quantityAnswer {
	q, err := resource.ParseQuantity(in)
	if err != nil {
		return quantityAnswer{Error: err.Error()}
	}
	a := quantityAnswer{OK: true, String: q.String(), Negative: q.Sign() < 0, Zero: q.IsZero()}
	canonical := q.DeepCopy()
	a.Canonical = string(mustCanonical(&canonical))
	a.Direct = quantityToMebiByte(q)
	// The policy's quantity reaches virt-launcher through JSON twice (VMI status, then the command
	// client's options): MarshalJSON, then UnmarshalJSON.
	wire, err := json.Marshal(q)
	if err == nil {
		var back resource.Quantity
		if err = json.Unmarshal(wire, &back); err == nil {
			a.Launcher = quantityToMebiByte(back)
		}
	}
	if err != nil {
		a.Launcher = &launcher{Error: err.Error()}
	}
	return a
}

func mustCanonical(q *resource.Quantity) []byte {
	number, suffix := q.CanonicalizeBytes(make([]byte, 0, 32))
	return append(number, suffix...)
}

// typed mirrors what the API server's JSON decoder produces: int64 where the number is one, else float64.
func typed(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]interface{}, 0, len(keys))
		for _, k := range keys {
			out = append(out, []interface{}{k, typed(t[k])})
		}
		return map[string]interface{}{"map": out}
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, x := range t {
			out[i] = typed(x)
		}
		return map[string]interface{}{"seq": out}
	case int64:
		return map[string]interface{}{"int": strconv.FormatInt(t, 10)}
	case float64:
		return map[string]interface{}{"float": strconv.FormatFloat(t, 'g', -1, 64)}
	case string:
		return map[string]interface{}{"str": t}
	case bool:
		return map[string]interface{}{"bool": t}
	case nil:
		return map[string]interface{}{"null": true}
	}
	return map[string]interface{}{"unknown": fmt.Sprintf("%T", v)}
}

func answerYAML(in string) map[string]interface{} {
	j, err := yaml.YAMLToJSON([]byte(in))
	if err != nil {
		return map[string]interface{}{"error": err.Error()}
	}
	var v interface{}
	if err := utiljson.Unmarshal(j, &v); err != nil {
		return map[string]interface{}{"json": string(j), "decodeError": err.Error()}
	}
	return map[string]interface{}{"json": string(j), "value": typed(v)}
}

// Set at build time by scripts/go-oracle.sh: the Debian source version the oracle was built from.
var sourceVersion = "unknown"

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		var answer interface{}
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			answer = map[string]string{"error": "bad request: " + err.Error()}
		} else {
			switch r.Op {
			case "quantity":
				answer = answerQuantity(r.In)
			case "labelKey":
				answer = map[string]interface{}{"errors": nonNil(validation.IsQualifiedName(r.In))}
			case "labelValue":
				answer = map[string]interface{}{"errors": nonNil(validation.IsValidLabelValue(r.In))}
			case "yaml":
				answer = answerYAML(r.In)
			case "version":
				answer = map[string]string{"version": sourceVersion}
			default:
				answer = map[string]string{"error": "unknown op " + r.Op}
			}
		}
		if err := enc.Encode(answer); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out.Flush()
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
