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
The name of one component's Service: <component>.service.name, else the component
name. `backend-service` reproduces the deployment plans' "backend-service:8000".
Usage: include "todo-app.serviceName" (dict "context" $ "component" "backend")
*/}}
{{- define "todo-app.serviceName" -}}
{{- $svc := (index .context.Values .component).service }}
{{- $svc.name | default (include "todo-app.componentName" .) }}
{{- end }}

{{/*
The in-cluster URL of the backend Service, e.g.
http://rel-todo-app-backend.ns.svc.cluster.local:8000. Only pods use it (API_URL):
no browser resolves cluster DNS.
*/}}
{{- define "todo-app.backendUrl" -}}
{{- printf "http://%s.%s.svc.%s:%v" (include "todo-app.serviceName" (dict "context" . "component" "backend")) (include "todo-app.namespace" .) .Values.clusterDomain .Values.backend.service.port }}
{{- end }}

{{/*
The URL users open in the browser, without a trailing slash: publicUrl; else the
Ingress host; else the fixed NodePort of the frontend on localhost (true with
`kubectl port-forward svc/<frontend> <nodePort>:<port>`, and the reason to set
publicUrl to http://$(minikube ip):<nodePort> instead); else the Service port on
localhost (`kubectl port-forward`). Better Auth compares request origins with it.
*/}}
{{- define "todo-app.publicUrl" -}}
{{- $svc := .Values.frontend.service }}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- else if and (eq $svc.type "NodePort") $svc.nodePort }}
{{- printf "http://localhost:%v" $svc.nodePort }}
{{- else }}
{{- printf "http://localhost:%v" $svc.port }}
{{- end }}
{{- end }}

{{/*
Whether the public URL was guessed rather than given or taken from the Ingress:
"true" or "". NOTES then says how to make the guess true, or to set publicUrl.
*/}}
{{- define "todo-app.publicUrlGuessed" -}}
{{- if not (or .Values.publicUrl .Values.ingress.enabled) }}true{{ end }}
{{- end }}

{{/*
The URL the browser uses for the backend API: publicApiUrl, else the public URL
(same origin; the Ingress or the frontend forwards /api/* to the backend).
*/}}
{{- define "todo-app.publicApiUrl" -}}
{{- .Values.publicApiUrl | default (include "todo-app.publicUrl" .) | trimSuffix "/" }}
{{- end }}

{{/*
The Secret the pods read: secrets.existingSecret, else the chart's own.
*/}}
{{- define "todo-app.secretName" -}}
{{- default (include "todo-app.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
The variables read from the Secret, as a list of [variable, values key, optional].
The variable names are the images' contract; the key inside the Secret is
secrets.keys.<values key>. The LLM keys are optional so that a Secret may hold only
the provider in use.
*/}}
{{- define "todo-app.secretVars" -}}
{{- list (list "DATABASE_URL" "databaseUrl" false) (list "BETTER_AUTH_SECRET" "betterAuthSecret" false) (list "OPENAI_API_KEY" "openaiApiKey" true) (list "COHERE_API_KEY" "cohereApiKey" true) | toJson }}
{{- end }}

{{/*
Environment variables taken from the Secret, for the variables named in .vars.
Usage: include "todo-app.secretEnv" (dict "context" $ "vars" (list "DATABASE_URL"))
*/}}
{{- define "todo-app.secretEnv" -}}
{{- $secret := include "todo-app.secretName" .context }}
{{- $keys := .context.Values.secrets.keys }}
{{- $env := list }}
{{- range include "todo-app.secretVars" .context | fromJsonArray }}
{{- if has (index . 0) $.vars }}
{{- $ref := dict "name" $secret "key" (index $keys (index . 1)) }}
{{- if index . 2 }}
{{- $_ := set $ref "optional" true }}
{{- end }}
{{- $env = append $env (dict "name" (index . 0) "valueFrom" (dict "secretKeyRef" $ref)) }}
{{- end }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/*
Dev-only placeholders for the chart's own Secret outside production: the values
key and its stand-in, for each required secret left empty. The Better Auth
placeholder is derived from the release, so it is stable across upgrades (sessions
survive) yet public: never use it where anyone else can log in. The database
placeholder names a host that cannot resolve, so the backend log says what is
missing. Production never gets here: the schema and todo-app.validate refuse it.
*/}}
{{- define "todo-app.devPlaceholders" -}}
{{- $out := dict }}
{{- if and (not .Values.secrets.existingSecret) (ne .Values.config.environment "production") }}
{{- if not .Values.secrets.databaseUrl }}
{{- $_ := set $out "databaseUrl" "postgresql://placeholder:placeholder@set-secrets-databaseUrl.invalid:5432/todo?sslmode=require" }}
{{- end }}
{{- if not .Values.secrets.betterAuthSecret }}
{{- $seed := printf "todo-app dev placeholder %s/%s" (include "todo-app.namespace" .) .Release.Name }}
{{- $_ := set $out "betterAuthSecret" (printf "dev-only-%s" (sha256sum $seed | trunc 40)) }}
{{- end }}
{{- end }}
{{- toJson $out }}
{{- end }}

{{/*
The checksum/secret pod annotation. For the chart's own Secret: the hash of its
manifest. For an existing Secret the chart cannot see the data; it hashes the
name, the key mapping and a version: secrets.existingSecretVersion, else the
Secret's resourceVersion from `lookup` (the API server bumps it on every change;
`helm template` and `helm lint` see no cluster and get ""). A new version rolls the pods.
*/}}
{{- define "todo-app.secretChecksum" -}}
{{- if .Values.secrets.existingSecret }}
{{- $version := .Values.secrets.existingSecretVersion | toString }}
{{- if not $version }}
{{- $found := lookup "v1" "Secret" (include "todo-app.namespace" .) .Values.secrets.existingSecret }}
{{- $version = dig "metadata" "resourceVersion" "" $found }}
{{- end }}
{{- dict "existingSecret" .Values.secrets.existingSecret "keys" .Values.secrets.keys "version" $version | toJson | sha256sum }}
{{- else }}
{{- include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/*
The least number of pods a component keeps: autoscaling.minReplicas, else
replicaCount.
*/}}
{{- define "todo-app.minPods" -}}
{{- if .autoscaling.enabled }}{{ .autoscaling.minReplicas }}{{ else }}{{ .replicaCount }}{{ end }}
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
Egress rules both services need: DNS to any address (CoreDNS, or a node-local
cache on a link-local address), PostgreSQL (Neon lives outside the cluster, with
no fixed address range), HTTPS (the LLM APIs, Neon's serverless driver, OAuth
providers of Better Auth), then networkPolicy.egress.extraRules.
*/}}
{{- define "todo-app.commonEgress" -}}
{{- $e := .Values.networkPolicy.egress -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- to:
    {{- range $e.databaseCidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    - port: {{ $e.databasePort }}
      protocol: TCP
- to:
    {{- range $e.httpsCidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    - port: 443
      protocol: TCP
{{- with $e.extraRules }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Checks values that the schema cannot express, and stops the render with a clear
message. Included by the ConfigMap and Secret templates. (helm lint turns `fail`
into an INFO line; the schema's production rule is what makes lint fail.)
*/}}
{{- define "todo-app.validate" -}}
{{- if and (eq .Values.config.environment "production") (not .Values.secrets.existingSecret) }}
{{- if not (and .Values.secrets.databaseUrl .Values.secrets.betterAuthSecret) }}
{{- fail "todo-app: production needs secrets. Create a Secret with the keys DATABASE_URL and BETTER_AUTH_SECRET (and OPENAI_API_KEY or COHERE_API_KEY) and pass --set secrets.existingSecret=NAME (or set secrets.databaseUrl and secrets.betterAuthSecret)" }}
{{- end }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) }}
{{- fail "todo-app: ingress.enabled needs ingress.host" }}
{{- end }}
{{- range $path := .Values.ingress.frontendPaths }}
{{- if not (hasPrefix (printf "%s/" ($.Values.ingress.backendPath | trimSuffix "/")) $path) }}
{{- fail (printf "todo-app: ingress.frontendPaths entry %q is not under ingress.backendPath %q; only paths below it need routing to the frontend" $path $.Values.ingress.backendPath) }}
{{- end }}
{{- end }}
{{- $backendSvc := include "todo-app.serviceName" (dict "context" . "component" "backend") }}
{{- if eq $backendSvc (include "todo-app.serviceName" (dict "context" . "component" "frontend")) }}
{{- fail (printf "todo-app: the backend and frontend Services would both be named %q; set backend.service.name or frontend.service.name apart" $backendSvc) }}
{{- end }}
{{- range $component := list "backend" "frontend" }}
{{- $v := index $.Values $component }}
{{- $min := include "todo-app.minPods" $v | int }}
{{- $pdb := $v.podDisruptionBudget }}
{{- if and $pdb.enabled (ge $min 2) (not (kindIs "string" $pdb.minAvailable)) (ge (int $pdb.minAvailable) $min) }}
{{- fail (printf "todo-app: %s.podDisruptionBudget.minAvailable (%v) must be below the %d pods the %s keeps, or no node could ever be drained" $component $pdb.minAvailable $min $component) }}
{{- end }}
{{- end }}
{{- end }}
