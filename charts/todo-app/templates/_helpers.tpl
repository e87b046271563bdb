{{/*
Helpers shared by every template of the chart.
*/}}

{{/*
The chart name, or nameOverride.
*/}}
{{- define "todo-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A fully qualified app name, truncated at 63 characters because some Kubernetes
name fields are limited to that (DNS-1123 labels). When the release name already
contains the chart name it is used alone.
*/}}
{{- define "todo-app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The name of one component's objects: "<fullname>-<component>". The full name is
shortened first so that the suffix always survives the 63-character limit and
the backend and frontend names never collide.
Usage: include "todo-app.componentName" (dict "context" $ "component" "backend")
*/}}
{{- define "todo-app.componentName" -}}
{{- $suffix := printf "-%s" .component }}
{{- $max := sub 63 (len $suffix) | int }}
{{- $base := include "todo-app.fullname" .context | trunc $max | trimSuffix "-" }}
{{- printf "%s%s" $base $suffix }}
{{- end }}

{{/*
The namespace of every object: namespace.name, else the release namespace.
*/}}
{{- define "todo-app.namespace" -}}
{{- default .Release.Namespace .Values.namespace.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The chart label: "<name>-<version>", with "+" (not allowed in labels) replaced.
*/}}
{{- define "todo-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that every object carries.
*/}}
{{- define "todo-app.labels" -}}
helm.sh/chart: {{ include "todo-app.chart" . }}
{{ include "todo-app.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "todo-app.name" . }}
{{- end }}

{{/*
Selector labels of the release. They must never change after the first install:
Deployment selectors are immutable.
*/}}
{{- define "todo-app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels and selector labels of one component.
Usage: include "todo-app.componentLabels" (dict "context" $ "component" "backend")
*/}}
{{- define "todo-app.componentLabels" -}}
{{ include "todo-app.labels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "todo-app.componentSelectorLabels" -}}
{{ include "todo-app.selectorLabels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
An image reference: "[registry/]repository:tag[@digest]". The tag defaults to the
chart's appVersion; a digest pins the image whatever the tag says.
Usage: include "todo-app.image" (dict "image" .Values.backend.image "context" $)
*/}}
{{- define "todo-app.image" -}}
{{- $repo := .image.repository }}
{{- with .image.registry }}
{{- $repo = printf "%s/%s" (trimSuffix "/" .) $repo }}
{{- end }}
{{- $tag := .image.tag | default .context.Chart.AppVersion | toString }}
{{- if .image.digest }}
{{- printf "%s:%s@%s" $repo $tag .image.digest }}
{{- else }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{/*
The ServiceAccount the pods run as.
*/}}
{{- define "todo-app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The in-cluster URL of the backend Service, e.g.
http://rel-todo-app-backend.ns.svc.cluster.local:8000
*/}}
{{- define "todo-app.backendUrl" -}}
{{- printf "http://%s.%s.svc.%s:%v" (include "todo-app.componentName" (dict "context" . "component" "backend")) (include "todo-app.namespace" .) .Values.clusterDomain .Values.backend.service.port }}
{{- end }}

{{/*
The URL users open: config.publicUrl, else the Ingress host, else localhost.
*/}}
{{- define "todo-app.publicUrl" -}}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- else }}
{{- printf "http://localhost:%v" .Values.frontend.service.port }}
{{- end }}
{{- end }}

{{/*
The Secret the pods read: secrets.existingSecret, else the chart's own.
*/}}
{{- define "todo-app.secretName" -}}
{{- default (include "todo-app.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Environment variables taken from the Secret. The LLM keys are optional so that
an existing Secret may hold only the provider in use.
Usage: include "todo-app.secretEnv" (dict "context" $ "keys" (list "DATABASE_URL"))
*/}}
{{- define "todo-app.secretEnv" -}}
{{- $secret := include "todo-app.secretName" .context }}
{{- $env := list }}
{{- range .keys }}
{{- $ref := dict "name" $secret "key" . }}
{{- if hasSuffix "_API_KEY" . }}
{{- $_ := set $ref "optional" true }}
{{- end }}
{{- $env = append $env (dict "name" . "valueFrom" (dict "secretKeyRef" $ref)) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/*
Pod affinity of one component: the user's affinity if set, else the requested
pod anti-affinity ("soft" or "hard") across nodes.
Usage: include "todo-app.affinity" (dict "context" $ "component" "backend" "values" .Values.backend)
*/}}
{{- define "todo-app.affinity" -}}
{{- $v := .values }}
{{- if $v.affinity }}
{{- toYaml $v.affinity }}
{{- else if eq $v.podAntiAffinity "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels:
          {{- include "todo-app.componentSelectorLabels" . | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- else if eq $v.podAntiAffinity "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        labelSelector:
          matchLabels:
            {{- include "todo-app.componentSelectorLabels" . | nindent 12 }}
        topologyKey: kubernetes.io/hostname
{{- end }}
{{- end }}

{{/*
Checks values that the schema cannot express, and stops the render with a clear
message. Included by the Secret template.
*/}}
{{- define "todo-app.validate" -}}
{{- if and (eq .Values.config.environment "production") (not .Values.secrets.existingSecret) }}
{{- if not (and .Values.secrets.databaseUrl .Values.secrets.betterAuthSecret) }}
{{- fail "todo-app: production needs secrets. Create a Secret with DATABASE_URL, OPENAI_API_KEY, COHERE_API_KEY and BETTER_AUTH_SECRET and pass --set secrets.existingSecret=NAME (or set secrets.databaseUrl and secrets.betterAuthSecret)" }}
{{- end }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) }}
{{- fail "todo-app: ingress.enabled needs ingress.host" }}
{{- end }}
{{- end }}
