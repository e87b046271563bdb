{{- define "cache.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}
