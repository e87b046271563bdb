{{- define "common.configmap" -}}
{{- $top := index . 0 -}}
{{- $name := index . 1 -}}
{{- $cfg := index . 2 -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ printf "%s-%s" (include "common.fullname" $top) $name | trunc 63 }}
  labels:
    {{- include "common.labels" $top | nindent 4 }}
data:
  {{- range $k, $v := $cfg.data }}
  {{ $k }}: {{ $v | toString | quote }}
  {{- end }}
  json: {{ toJson $cfg.data | quote }}
  yaml: |
    {{- toYaml $cfg.data | nindent 4 }}
{{- end -}}
