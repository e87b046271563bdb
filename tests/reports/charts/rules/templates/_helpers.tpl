{{- define "rules.inc" -}}
a: {{ .a }}
{{- end -}}
