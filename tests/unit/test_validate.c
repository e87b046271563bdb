/* test_validate.c - offline manifest validation (validate.c, k8s_schema.c): seeded faults
 * (typoed field, wrong type, missing container name, bad port, bad quantity, bad enum, bad
 * base64, number in annotations) are each found with their path, one per built-in kind family
 * with the file, kind/name and field path of the finding; valid manifests of every workload
 * kind, charts/todo-app (default, dev, prod) and the tests/compat charts produce no finding;
 * --kube-version reports apiVersions the target does not serve. */
#include "check_run.h"
#include "lint/validate.h"

#include <htmpl.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static harena *A;
static hbuf R;

static void setup(void)
{
	A = harena_new();
	R = (hbuf)HBUF_INIT;
}
static void teardown(void)
{
	harena_free(A);
	hbuf_free(&R);
}

/* Validates text as a one-document stream from t.yaml; returns the report. */
static const char *run_dir(const char *yaml, size_t *n, const char *dir)
{
	hvalidator v = {.arena = A, .schema_dir = dir};
	hbuf text = HBUF_INIT;
	hbuf_puts(&text, "# Source: c/templates/t.yaml\n");
	hbuf_puts(&text, yaml);
	herr e = HTMPL_ERROR_INIT;
	hbuf_reset(&R);
	ck_assert(hvalidate_manifests(&v, text.data, text.len, &R, n, &e));
	hvalidate_done(&v);
	hbuf_free(&text);
	return hbuf_cstr(&R);
}
static const char *run(const char *yaml, size_t *n) { return run_dir(yaml, n, NULL); }

#define DEPLOY_HEAD                                                                              \
	"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n"    \
	"spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"          \
	"      labels:\n        app: web\n    spec:\n"

static const char valid_deploy[] = DEPLOY_HEAD
	"      containers:\n"
	"      - name: web\n        image: nginx:1.27\n        imagePullPolicy: IfNotPresent\n"
	"        ports:\n        - containerPort: 8080\n          name: http\n          protocol: TCP\n"
	"        resources:\n          requests:\n            cpu: 100m\n            memory: 64Mi\n"
	"          limits:\n            cpu: \"1\"\n            memory: 1.5Gi\n"
	"        readinessProbe:\n          httpGet:\n            path: /\n            port: http\n"
	"        env:\n        - name: A\n          value: \"1\"\n"
	"        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n";

START_TEST(valid_workloads)
{
	size_t n = 99;
	ck_assert_str_eq(run(valid_deploy, &n), "");
	ck_assert_uint_eq(n, 0);
	static const char *const docs[] = {
		"apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP\n  ports:\n"
		"  - port: 80\n    targetPort: http\n  selector:\n    app: web\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n",
		"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque\ndata:\n  a: aGVsbG8=\nstringData:\n  b: x\n",
		"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\nautomountServiceAccountToken: false\n",
		"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n"
		"  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n"
		"  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n"
		"        type: Utilization\n        averageUtilization: 80\n",
		"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 50%\n"
		"  selector:\n    matchLabels:\n      app: web\n",
		"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  ingressClassName: nginx\n"
		"  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n"
		"        backend:\n          service:\n            name: s\n            port:\n              number: 80\n",
		"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n"
		"  policyTypes: [Ingress]\n  ingress:\n  - ports:\n    - port: 8080\n      protocol: TCP\n",
		"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"*/5 * * * *\"\n"
		"  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n"
		"          containers:\n          - name: j\n            image: busybox\n",
		"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: p\nspec:\n  accessModes: [ReadWriteOnce]\n"
		"  resources:\n    requests:\n      storage: 1Gi\n",
		"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef:\n"
		"  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects:\n- kind: ServiceAccount\n  name: sa\n",
		"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n",
		"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: 1\n",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		ck_assert_msg(!strcmp(run(docs[i], &n), ""), "doc %zu: %s", i, hbuf_cstr(&R));
		ck_assert_uint_eq(n, 0);
	}
}
END_TEST

static void expect(const char *yaml, const char *want_line)
{
	size_t n = 0;
	const char *got = run(yaml, &n);
	ck_assert_msg(strstr(got, want_line) != NULL, "want %s\ngot %s", want_line, got);
}

START_TEST(seeded_faults)
{
	/* a typo in a field name */
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n        image: x\n  replica: 3\n",
	       "c/templates/t.yaml: Deployment \"web\": spec.replica: unknown field\n");
	/* wrong type */
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n        image: x\n  replicas: \"3\"\n",
	       "spec.replicas: invalid type: expected integer, got string \"3\"\n");
	/* missing container name */
	expect(DEPLOY_HEAD "      containers:\n      - image: x\n",
	       "spec.template.spec.containers[0].name: missing required field\n");
	/* bad port */
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n        ports:\n        - containerPort: 70000\n",
	       "spec.template.spec.containers[0].ports[0].containerPort: invalid value 70000: must be between 1 and 65535, inclusive\n");
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n        ports:\n        - containerPort: http\n",
	       "containerPort: invalid type: expected integer, got string \"http\"\n");
	/* bad quantity */
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n        resources:\n          limits:\n            memory: 1.5GB\n",
	       "spec.template.spec.containers[0].resources.limits.memory: invalid quantity \"1.5GB\"");
	/* bad enum */
	expect("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Cluster\n  ports:\n  - port: 80\n",
	       "spec.type: unsupported value \"Cluster\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"\n");
	/* service port out of range, bad targetPort name */
	expect("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 0\n    targetPort: Http_Port\n",
	       "spec.ports[0].port: invalid value 0: must be between 1 and 65535, inclusive\n");
	expect("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: Http_Port\n",
	       "spec.ports[0].targetPort: invalid port name \"Http_Port\"");
	/* a number in annotations (map[string]string) */
	expect("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: 1\n",
	       "metadata.annotations.a: invalid type: expected string, got number\n");
	/* ConfigMap data must be strings */
	expect("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  on: true\n",
	       "data.true: invalid type: expected string, got boolean\n");
	/* Secret data must be base64 */
	expect("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: not base64!\n",
	       "data.a: illegal base64 data at input byte 3\n");
	/* an unknown kind of a built-in group */
	expect("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: d\n",
	       "no kind \"Deploymnet\" is registered for version \"apps/v1\"");
	/* HPA v2 enum and required */
	expect("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 2\n",
	       "spec.scaleTargetRef: missing required field\n");
	/* int32 range */
	expect(DEPLOY_HEAD "      containers:\n      - name: a\n  replicas: 3000000000\n",
	       "spec.replicas: invalid value 3000000000: out of int32 range\n");
	/* a list where an object is wanted */
	expect(DEPLOY_HEAD "      containers:\n        name: a\n",
	       "spec.template.spec.containers: invalid type: expected array, got object\n");
}
END_TEST

START_TEST(quantities)
{
	static const char *const ok[] = {"1", "100m", "1.5Gi", "+1", "-2", ".5", "5.", "1e3", "1E-2", "2Ki", "3n", "7u", "1k", "1M", "1Ei"};
	static const char *const bad[] = {"", "Gi", "1.5GB", "1 Gi", "1e", "1e+", "abc", "1mi", "1Kb", "."};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		ck_assert_msg(hvalidate_quantity_ok(ok[i], strlen(ok[i])), "%s", ok[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!hvalidate_quantity_ok(bad[i], strlen(bad[i])), "%s", bad[i]);
}
END_TEST

START_TEST(schema_location)
{
	char dir[] = "/tmp/htmpl-validate-XXXXXX";
	ck_assert(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/widget_v1.json", dir);
	FILE *f = fopen(path, "w");
	ck_assert(f != NULL);
	fputs("{\"type\":\"object\",\"required\":[\"spec\"],\"properties\":{\"apiVersion\":{\"type\":\"string\"},"
	      "\"kind\":{\"type\":\"string\"},\"metadata\":{\"type\":\"object\"},"
	      "\"spec\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"size\":{\"type\":\"integer\"}}}},"
	      "\"additionalProperties\":false}", f);
	fclose(f);
	size_t n = 0;
	const char *got = run_dir("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n  colour: red\n", &n, dir);
	ck_assert_msg(strstr(got, "Widget \"w\": spec: Additional property colour is not allowed\n"), "%s", got);
	ck_assert_msg(strstr(got, "Widget \"w\": spec.size: Invalid type. Expected: integer, given: string\n"), "%s", got);
	ck_assert_uint_eq(n, 2);
	got = run_dir("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n", &n, dir);
	ck_assert_str_eq(got, "");
	unlink(path);
	rmdir(dir);
}
END_TEST

/* One seeded fault per kind family: the manifest (kind/name given in the header) and the
 * finding that must be reported for it (file, kind, "name", field path, message). */
typedef struct fault {
	const char *yaml, *want;
} fault;

#define POD_HEAD(kind, av) "apiVersion: " av "\nkind: " kind "\nmetadata:\n  name: x\n"
#define TPL_SPEC                                                                                 \
	"  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n" \
	"    spec:\n"

static const fault family_faults[] = {
	/* Pod: bad enum, bad quantity, int-or-string misuse */
	{POD_HEAD("Pod", "v1") "spec:\n  restartPolicy: Sometimes\n  containers:\n  - name: a\n    image: i\n",
	 "Pod \"x\": spec.restartPolicy: unsupported value \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"\n"},
	{POD_HEAD("Pod", "v1") "spec:\n  containers:\n  - name: a\n    resources:\n      requests:\n        cpu: 1 core\n",
	 "Pod \"x\": spec.containers[0].resources.requests.cpu: invalid quantity \"1 core\""},
	{POD_HEAD("Pod", "v1") "spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet:\n        port: 3.5\n",
	 "Pod \"x\": spec.containers[0].livenessProbe.httpGet.port: invalid type: expected integer or string, got number\n"},
	/* workloads */
	{POD_HEAD("Deployment", "apps/v1") "spec:\n  strategy:\n    rollingUpdate:\n      maxSurge: 1.5\n" TPL_SPEC
	 "      containers:\n      - name: a\n",
	 "Deployment \"x\": spec.strategy.rollingUpdate.maxSurge: invalid type: expected integer or string, got number\n"},
	{POD_HEAD("StatefulSet", "apps/v1") "spec:\n  serviceName: s\n  replicas: three\n" TPL_SPEC "      containers:\n      - name: a\n",
	 "StatefulSet \"x\": spec.replicas: invalid type: expected integer, got string \"three\"\n"},
	{POD_HEAD("StatefulSet", "apps/v1") "spec:\n  serviceName: s\n" TPL_SPEC "      containers:\n      - name: a\n"
	 "  volumeClaimTemplates:\n  - metadata:\n      name: d\n    spec:\n      resources:\n        requests:\n          storage: 10GB\n",
	 "StatefulSet \"x\": spec.volumeClaimTemplates[0].spec.resources.requests.storage: invalid quantity \"10GB\""},
	{POD_HEAD("DaemonSet", "apps/v1") "spec:\n  updateStrategy:\n    type: Rolling\n" TPL_SPEC "      containers:\n      - name: a\n",
	 "DaemonSet \"x\": spec.updateStrategy.type: unsupported value \"Rolling\": supported values: \"OnDelete\", \"RollingUpdate\"\n"},
	{POD_HEAD("DaemonSet", "apps/v1") "spec:\n" TPL_SPEC "      containers:\n      - name: a\n        env:\n        - value: v\n",
	 "DaemonSet \"x\": spec.template.spec.containers[0].env[0].name: missing required field\n"},
	{POD_HEAD("ReplicaSet", "apps/v1") "spec:\n" TPL_SPEC "      containerz: []\n",
	 "ReplicaSet \"x\": spec.template.spec.containerz: unknown field\n"},
	{POD_HEAD("Job", "batch/v1") "spec:\n  backoffLimit: \"6\"\n  template:\n    spec:\n      containers:\n      - name: a\n",
	 "Job \"x\": spec.backoffLimit: invalid type: expected integer, got string \"6\"\n"},
	{POD_HEAD("Job", "batch/v1") "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: 0\n",
	 "Job \"x\": spec.template.spec.containers[0].ports[0].containerPort: invalid value 0: must be between 1 and 65535, inclusive\n"},
	{POD_HEAD("CronJob", "batch/v1") "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
	 "          containers:\n          - image: i\n",
	 "CronJob \"x\": spec.jobTemplate.spec.template.spec.containers[0].name: missing required field\n"},
	{POD_HEAD("CronJob", "batch/v1") "spec:\n  schedule: 5\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
	 "          containers:\n          - name: a\n",
	 "CronJob \"x\": spec.schedule: invalid type: expected string, got number\n"},
	/* Service, ConfigMap, Secret, ServiceAccount */
	{POD_HEAD("Service", "v1") "spec:\n  ports:\n  - port: 80\n    protocol: tcp\n",
	 "Service \"x\": spec.ports[0].protocol: unsupported value \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"\n"},
	{POD_HEAD("Service", "v1") "spec:\n  ports:\n  - port: 80\n    targetPort: -1\n",
	 "Service \"x\": spec.ports[0].targetPort: invalid value -1: must be between 1 and 65535, inclusive\n"},
	{POD_HEAD("ConfigMap", "v1") "  labels:\n    tier: 1\n",
	 "ConfigMap \"x\": metadata.labels.tier: invalid type: expected string, got number\n"},
	{POD_HEAD("ConfigMap", "v1") "binaryData:\n  b: \"***\"\n",
	 "ConfigMap \"x\": binaryData.b: illegal base64 data at input byte 0\n"},
	{POD_HEAD("Secret", "v1") "stringData:\n  a: {b: c}\n",
	 "Secret \"x\": stringData.a: invalid type: expected string, got object\n"},
	{POD_HEAD("ServiceAccount", "v1") "automountServiceAccountToken: \"yes\"\n",
	 "ServiceAccount \"x\": automountServiceAccountToken: invalid type: expected boolean, got string \"yes\"\n"},
	/* RBAC */
	{POD_HEAD("Role", "rbac.authorization.k8s.io/v1") "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verb: [get]\n",
	 "Role \"x\": rules[0].verb: unknown field\n"},
	{POD_HEAD("ClusterRole", "rbac.authorization.k8s.io/v1") "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: get\n",
	 "ClusterRole \"x\": rules[0].verbs: invalid type: expected array, got string\n"},
	{POD_HEAD("RoleBinding", "rbac.authorization.k8s.io/v1") "roleRef:\n  kind: Role\n  name: r\n",
	 "RoleBinding \"x\": roleRef.apiGroup: missing required field\n"},
	{POD_HEAD("ClusterRoleBinding", "rbac.authorization.k8s.io/v1")
	 "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: r\nsubjects:\n- name: sa\n",
	 "ClusterRoleBinding \"x\": subjects[0].kind: missing required field\n"},
	/* networking */
	{POD_HEAD("Ingress", "networking.k8s.io/v1") "spec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Regex\n"
	 "        backend:\n          service:\n            name: s\n            port:\n              number: 80\n",
	 "Ingress \"x\": spec.rules[0].http.paths[0].pathType: unsupported value \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"\n"},
	{POD_HEAD("Ingress", "networking.k8s.io/v1") "spec:\n  defaultBackend:\n    service:\n      name: s\n      port:\n        number: \"80\"\n",
	 "Ingress \"x\": spec.defaultBackend.service.port.number: invalid type: expected integer, got string \"80\"\n"},
	{POD_HEAD("IngressClass", "networking.k8s.io/v1") "spec:\n  controler: example.com/c\n",
	 "IngressClass \"x\": spec.controler: unknown field\n"},
	{POD_HEAD("NetworkPolicy", "networking.k8s.io/v1") "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 99999\n",
	 "NetworkPolicy \"x\": spec.ingress[0].ports[0].port: invalid value 99999: must be between 1 and 65535, inclusive\n"},
	{POD_HEAD("NetworkPolicy", "networking.k8s.io/v1") "spec:\n  podSelector: {}\n  policyTypes: [Inbound]\n",
	 "NetworkPolicy \"x\": spec.policyTypes[0]: unsupported value \"Inbound\": supported values: \"Egress\", \"Ingress\"\n"},
	/* autoscaling, policy, storage, namespace, CRD */
	{POD_HEAD("HorizontalPodAutoscaler", "autoscaling/v2")
	 "spec:\n  scaleTargetRef:\n    kind: Deployment\n    name: d\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n"
	 "    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: \"80%\"\n",
	 "HorizontalPodAutoscaler \"x\": spec.metrics[0].resource.target.averageUtilization: invalid type: expected integer, got string \"80%\"\n"},
	{POD_HEAD("PodDisruptionBudget", "policy/v1") "spec:\n  minAvailable: [1]\n",
	 "PodDisruptionBudget \"x\": spec.minAvailable: invalid type: expected integer or string, got array\n"},
	{POD_HEAD("PersistentVolumeClaim", "v1") "spec:\n  accessModes: [ReadWriteSometimes]\n",
	 "PersistentVolumeClaim \"x\": spec.accessModes[0]: unsupported value \"ReadWriteSometimes\""},
	{POD_HEAD("PersistentVolumeClaim", "v1") "spec:\n  resources:\n    requests:\n      storage: lots\n",
	 "PersistentVolumeClaim \"x\": spec.resources.requests.storage: invalid quantity \"lots\""},
	{POD_HEAD("Namespace", "v1") "spec:\n  finalizer: [kubernetes]\n",
	 "Namespace \"x\": spec.finalizer: unknown field\n"},
	{POD_HEAD("CustomResourceDefinition", "apiextensions.k8s.io/v1")
	 "spec:\n  group: example.com\n  scope: Namespaced\n  names:\n    plural: widgets\n    kind: Widget\n"
	 "  versions:\n  - name: v1\n    served: \"true\"\n    storage: true\n",
	 "CustomResourceDefinition \"x\": spec.versions[0].served: invalid type: expected boolean, got string \"true\"\n"},
};

START_TEST(family_faults_found)
{
	for (size_t i = 0; i < sizeof family_faults / sizeof *family_faults; i++) {
		size_t n = 0;
		const char *got = run(family_faults[i].yaml, &n);
		char want[600];
		snprintf(want, sizeof want, "c/templates/t.yaml: %s", family_faults[i].want);
		ck_assert_msg(strstr(got, want) != NULL, "fault %zu: want %s\ngot %s", i, want, got);
	}
}
END_TEST

/* In a stream, each finding names the document's template file and its kind/name, so faults
 * in the second document of one file are told apart from the first. */
START_TEST(findings_name_document)
{
	hvalidator v = {.arena = A};
	static const char text[] =
		"---\n# Source: c/templates/a.yaml\n" POD_HEAD("ConfigMap", "v1") "data:\n  k: v\n"
		"---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n"
		"data:\n  k: [1]\n"
		"---\n# Source: c/templates/b.yaml\n" POD_HEAD("Service", "v1") "spec:\n  typo: 1\n";
	herr e = HTMPL_ERROR_INIT;
	size_t n = 0;
	ck_assert(hvalidate_manifests(&v, text, sizeof text - 1, &R, &n, &e));
	ck_assert_str_eq(hbuf_cstr(&R),
	                 "c/templates/a.yaml: ConfigMap \"second\": data.k: invalid type: expected string, got array\n"
	                 "c/templates/b.yaml: Service \"x\": spec.typo: unknown field\n");
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* --kube-version: an apiVersion the target cluster does not serve (not yet, or no more). */
START_TEST(kube_version_availability)
{
	static const char cronjob[] = POD_HEAD("CronJob", "batch/v1")
		"spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
		"          containers:\n          - name: a\n";
	static const char pdb_beta[] = POD_HEAD("PodDisruptionBudget", "policy/v1beta1") "spec: {}\n";
	static const char ing_ext[] = POD_HEAD("Ingress", "extensions/v1beta1") "spec: {}\n";
	struct {
		const char *yaml, *kube, *want;
	} cases[] = {
		{cronjob, "v1.20.0", "CronJob \"x\": apiVersion: batch/v1 CronJob is not served by Kubernetes v1.20 (available from v1.21)\n"},
		{cronjob, "1.21", ""},
		{cronjob, NULL, ""},
		{pdb_beta, "v1.24.0", ""},
		{pdb_beta, "v1.25.0", "PodDisruptionBudget \"x\": apiVersion: policy/v1beta1 PodDisruptionBudget is not served by Kubernetes v1.25 (removed in v1.25; use policy/v1)\n"},
		{pdb_beta, NULL, "(removed in v1.25; use policy/v1)\n"},
		{ing_ext, "1.21.3", ""},
		{ing_ext, "1.22.0", "Ingress \"x\": apiVersion: extensions/v1beta1 Ingress is not served by Kubernetes v1.22 (removed in v1.22; use networking.k8s.io/v1)\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		hvalidator v = {.arena = A, .kube_version = cases[i].kube};
		hbuf text = HBUF_INIT;
		hbuf_puts(&text, "# Source: c/templates/t.yaml\n");
		hbuf_puts(&text, cases[i].yaml);
		herr e = HTMPL_ERROR_INIT;
		size_t n = 0;
		hbuf_reset(&R);
		ck_assert(hvalidate_manifests(&v, text.data, text.len, &R, &n, &e));
		hbuf_free(&text);
		const char *got = hbuf_cstr(&R);
		if (!*cases[i].want)
			ck_assert_msg(!*got, "case %zu: want nothing, got %s", i, got);
		else
			ck_assert_msg(strstr(got, cases[i].want), "case %zu: want %s\ngot %s", i, cases[i].want, got);
	}
}
END_TEST

/* Validates yaml against --kube-version kube; returns the report. */
static const char *run_kube(const char *yaml, const char *kube)
{
	hvalidator v = {.arena = A, .kube_version = kube};
	hbuf text = HBUF_INIT;
	hbuf_puts(&text, "# Source: c/templates/t.yaml\n");
	hbuf_puts(&text, yaml);
	herr e = HTMPL_ERROR_INIT;
	size_t n = 0;
	hbuf_reset(&R);
	ck_assert(hvalidate_manifests(&v, text.data, text.len, &R, &n, &e));
	hvalidate_done(&v);
	hbuf_free(&text);
	return hbuf_cstr(&R);
}

#define POD_SPEC(extra)                                                                          \
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" extra                             \
	"  containers:\n  - name: a\n    image: x\n"

/* One table per minor 1.28 .. 1.35: each version accepts a field or API it added and the
 * version before rejects it (or the other way round for removals). The facts are the OpenAPI
 * documents of @kubernetes/client-node (see tools/gen-k8s-schema.py). */
START_TEST(field_tables_per_version)
{
	static const char sleep_hook[] = POD_SPEC("")
		"    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n";
	static const char fs_v1[] = "apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\n"
		"metadata:\n  name: f\nspec:\n  priorityLevelConfiguration:\n    name: p\n";
	static const char fs_v1beta2[] = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: FlowSchema\n"
		"metadata:\n  name: f\nspec:\n  priorityLevelConfiguration:\n    name: p\n";
	static const char vap_v1[] = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\n"
		"metadata:\n  name: v\nspec:\n  validations:\n  - expression: \"true\"\n";
	static const char apparmor[] = POD_SPEC("  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n");
	static const char pod_resources[] = POD_SPEC("  resources:\n    limits:\n      cpu: \"1\"\n");
	static const char stop_signal[] = POD_SPEC("  os:\n    name: linux\n")
		"    lifecycle:\n      stopSignal: SIGTERM\n";
	static const char hostname_override[] = POD_SPEC("  hostnameOverride: h\n");
	static const char map_v1[] = "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\n"
		"metadata:\n  name: m\nspec: {}\n";
	static const char sts_no_service[] = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n"
		"spec:\n  selector:\n    matchLabels:\n      a: b\n  template:\n    metadata:\n      labels:\n"
		"        a: b\n    spec:\n      containers:\n      - name: a\n";
	struct {
		const char *yaml, *kube, *want; /* want "" = no finding */
	} cases[] = {
		/* 1.28: the last to serve flowcontrol v1beta2; has no sleep hook (1.29) */
		{fs_v1beta2, "v1.28.0", ""},
		{fs_v1beta2, "v1.29.0", "flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema is not served by Kubernetes v1.29"},
		{sleep_hook, "v1.28.0", "spec.containers[0].lifecycle.preStop.sleep: unknown field\n"},
		/* 1.29: flowcontrol v1 and the sleep hook */
		{fs_v1, "v1.29.0", ""},
		{fs_v1, "v1.28.0", "flowcontrol.apiserver.k8s.io/v1 FlowSchema is not served by Kubernetes v1.28 (available from v1.29)"},
		{sleep_hook, "v1.29.0", ""},
		/* 1.30: admissionregistration v1 ValidatingAdmissionPolicy, appArmorProfile */
		{vap_v1, "v1.30.0", ""},
		{vap_v1, "v1.29.5", "is not served by Kubernetes v1.29"},
		{apparmor, "v1.30.0", ""},
		{apparmor, "v1.29.0", "spec.securityContext.appArmorProfile: unknown field\n"},
		/* 1.31 (the union of 1.30 and 1.32): pod-level resources (1.32) accepted, 1.33's
		 * stopSignal still unknown */
		{pod_resources, "v1.31.0", ""},
		{stop_signal, "v1.31.0", "spec.containers[0].lifecycle.stopSignal: unknown field\n"},
		/* 1.32: pod-level resources */
		{pod_resources, "v1.32.0", ""},
		{pod_resources, NULL, ""},
		{pod_resources, "v1.30.0", "spec.resources: unknown field\n"},
		/* 1.33: container stopSignal; StatefulSet serviceName no longer required */
		{stop_signal, "v1.33.0", ""},
		{stop_signal, "v1.32.0", "spec.containers[0].lifecycle.stopSignal: unknown field\n"},
		{sts_no_service, "v1.33.0", ""},
		{sts_no_service, "v1.32.0", "spec.serviceName: missing required field\n"},
		/* 1.34: hostnameOverride */
		{hostname_override, "v1.34.0", ""},
		{hostname_override, "v1.33.0", "spec.hostnameOverride: unknown field\n"},
		/* 1.35: admissionregistration v1 MutatingAdmissionPolicy */
		{map_v1, "v1.35.0", ""},
		{map_v1, "v1.34.0", "MutatingAdmissionPolicy is not served by Kubernetes v1.34\n"},
		/* past the tables: the nearest one */
		{map_v1, "v1.36.0", ""},
		{fs_v1beta2, "v1.27.0", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = run_kube(cases[i].yaml, cases[i].kube);
		if (!*cases[i].want)
			ck_assert_msg(!*got, "case %zu (%s): want nothing, got %s", i, cases[i].kube, got);
		else
			ck_assert_msg(strstr(got, cases[i].want), "case %zu (%s): want %s\ngot %s", i,
			              cases[i].kube, cases[i].want, got);
	}
}
END_TEST

/* The source tree: this file is tests/unit/test_validate.c there. */
static const char *src_path(const char *rel)
{
	static char buf[4096];
	const char *f = __FILE__, *cut = strstr(f, "tests/unit/");
	snprintf(buf, sizeof buf, "%.*s%s", cut ? (int)(cut - f) : 0, f, rel);
	if (access(buf, F_OK) == 0)
		return buf;
	snprintf(buf, sizeof buf, "../%.*s%s", cut ? (int)(cut - f) : 0, f, rel);
	if (access(buf, F_OK) == 0)
		return buf;
	snprintf(buf, sizeof buf, "%s", rel); /* run from the source root */
	return buf;
}

/* Renders chart (with the given -f files relative to it and --set expressions) and validates
 * the output: it must produce no finding. */
static void expect_clean(const char *chart, const char *const *files, const char *const *sets)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", src_path(chart));
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	ck_assert(env != NULL);
	htmpl_chart *c = htmpl_chart_load(env, dir, &err);
	ck_assert_msg(c != NULL, "%s: %s", dir, htmpl_error_message(&err));
	htmpl_render_opts *o = htmpl_render_opts_new();
	ck_assert(o != NULL);
	char path[4200];
	for (size_t i = 0; files && files[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		ck_assert(htmpl_render_opts_add_values_file(o, path));
	}
	for (size_t i = 0; sets && sets[i]; i++)
		ck_assert(htmpl_render_opts_add_set(o, HTMPL_SET, sets[i]));
	size_t len = 0;
	char *out = htmpl_render(c, o, &len, NULL, &err);
	ck_assert_msg(out != NULL, "%s: %s", dir, htmpl_error_message(&err));
	char *report = NULL;
	long n = htmpl_validate_manifests(out, len, NULL, NULL, &report, &err);
	ck_assert_msg(n == 0, "%s %s: %ld findings:\n%s", chart, files && files[0] ? files[0] : "", n,
	              report ? report : htmpl_error_message(&err));
	ck_assert_msg(len > 0 && strstr(out, "kind:"), "%s rendered nothing", chart);
	free(report);
	free(out);
	htmpl_render_opts_free(o);
	htmpl_chart_free(c);
	htmpl_env_free(env);
}

START_TEST(todo_app_clean)
{
	static const char *const dev[] = {"values-dev.yaml", NULL};
	static const char *const prod[] = {"values-prod.yaml", NULL};
	static const char *const secret[] = {"secrets.existingSecret=x", NULL};
	expect_clean("charts/todo-app", NULL, NULL);
	expect_clean("charts/todo-app", dev, NULL);
	expect_clean("charts/todo-app", prod, secret);
}
END_TEST

START_TEST(compat_charts_clean)
{
	static const char *const big[] = {"values-big.yaml", NULL};
	static const char *const ns[] = {"values-namespaced.yaml", NULL};
	static const char *const ing[] = {"values-ingress.yaml", NULL};
	expect_clean("tests/compat/charts/libuser", NULL, NULL);
	expect_clean("tests/compat/charts/libuser", big, NULL);
	expect_clean("tests/compat/charts/operator", NULL, NULL);
	expect_clean("tests/compat/charts/operator", ns, NULL);
	expect_clean("tests/compat/charts/webapp", NULL, NULL);
	expect_clean("tests/compat/charts/webapp", ing, NULL);
}
END_TEST

/* ---- custom resources, API-server fidelity, CI outputs */

/* Validates one document (after a `# Source:` line) with the CRDs of chart (NULL = none);
 * returns the report (owned by the static buffer) and *n the findings. */
static const char *run_api(const char *chart, const char *yaml, unsigned flags, const char *out, long *n)
{
	static char *last;
	free(last);
	last = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = NULL;
	htmpl_chart *c = NULL;
	if (chart) {
		env = htmpl_env_new();
		c = htmpl_chart_load(env, src_path(chart), &err);
		ck_assert_msg(c != NULL, "%s: %s", chart, htmpl_error_message(&err));
	}
	hbuf text = HBUF_INIT;
	hbuf_puts(&text, "---\n# Source: c/templates/t.yaml\n");
	hbuf_puts(&text, yaml);
	*n = htmpl_validate(c, text.data, text.len, NULL, NULL, flags, out, &last, &err);
	ck_assert_msg(*n >= 0, "%s", htmpl_error_message(&err));
	hbuf_free(&text);
	htmpl_chart_free(c);
	htmpl_env_free(env);
	return last;
}

typedef struct vcase {
	const char *why; /* the API server's rule */
	const char *yaml;
	const char *want; /* a line of the report; "" = valid, no finding */
} vcase;

static void run_cases(const char *chart, const vcase *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long k;
		const char *got = run_api(chart, cases[i].yaml, 0, NULL, &k);
		if (!*cases[i].want)
			ck_assert_msg(k == 0, "case %zu (%s): want no finding, got %s", i, cases[i].why, got);
		else
			ck_assert_msg(strstr(got, cases[i].want), "case %zu (%s): want %s\ngot %s", i, cases[i].why,
			              cases[i].want, got);
	}
}

#define SM_HEAD "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\nspec:\n" \
	"  selector:\n    matchLabels: {app: web}\n"
#define WG_HEAD "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n"
#define CHART "tests/validate/charts/crd-app"

/* CRs against the CRDs of their chart: crds/widget.yaml and the subchart's ServiceMonitor. */
START_TEST(custom_resources_against_chart_crds)
{
	static const vcase cases[] = {
		{"a field the schema does not declare is rejected by strict field validation",
		 SM_HEAD "  endpoints:\n  - port: http\n    intervall: 30s\n", "ServiceMonitor \"m\": spec.endpoints[0].intervall: unknown field\n"},
		{"a typo at the top of spec", SM_HEAD "  endpoint:\n  - port: http\n", "spec.endpoint: unknown field\n"},
		{"enum", SM_HEAD "  endpoints:\n  - scheme: htp\n", "spec.endpoints[0].scheme: unsupported value \"htp\": supported values: \"http\", \"https\", \"HTTP\", \"HTTPS\"\n"},
		{"pattern (Go regexp)", SM_HEAD "  endpoints:\n  - interval: 30 s\n", "spec.endpoints[0].interval: invalid value \"30 s\": should match"},
		{"type: string wants a string", SM_HEAD "  endpoints:\n  - port: 8080\n", "spec.endpoints[0].port: invalid type: expected string, got integer\n"},
		{"x-kubernetes-int-or-string takes an integer", SM_HEAD "  endpoints:\n  - targetPort: 8080\n", ""},
		{"x-kubernetes-int-or-string takes a string", SM_HEAD "  endpoints:\n  - targetPort: web\n", ""},
		{"x-kubernetes-int-or-string refuses a boolean", SM_HEAD "  endpoints:\n  - targetPort: true\n", "spec.endpoints[0].targetPort: invalid type: expected integer or string, got boolean\n"},
		{"required", "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\nspec:\n  endpoints: []\n", "spec.selector: missing required field\n"},
		{"a required field with a default is filled in before validation", WG_HEAD, ""},
		{"required without default", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  mode: fast\n", "spec.size: missing required field\n"},
		{"minimum", WG_HEAD "  size: 0\n", "spec.size: invalid value 0: should be greater than or equal to 1\n"},
		{"maximum", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 11\n", "spec.size: invalid value 11: should be less than or equal to 10\n"},
		{"exclusiveMaximum", WG_HEAD "  ratio: 1\n", "spec.ratio: invalid value 1: should be less than 1\n"},
		{"integer wants an integral number", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 2.5\n", "spec.size: invalid type: expected integer, got number\n"},
		{"format: uuid", WG_HEAD "  id: not-a-uuid\n", "spec.id: invalid value \"not-a-uuid\": must be of format uuid\n"},
		{"maxLength", WG_HEAD "  name: abcdefghij\n", "spec.name: invalid value \"abcdefghij\": may not be longer than 8\n"},
		{"maxItems", WG_HEAD "  tags: [a, b, c]\n", "spec.tags: must have at most 2 items\n"},
		{"null is pruned from objects (nullable or not)", WG_HEAD "  name: null\n  note: null\n", ""},
		{"x-kubernetes-preserve-unknown-fields keeps anything", WG_HEAD "  extra:\n    a: {b: [1]}\n", ""},
		{"x-kubernetes-embedded-resource allows apiVersion, kind, metadata",
		 WG_HEAD "  template:\n    apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n", ""},
		{"x-kubernetes-embedded-resource requires apiVersion and kind", WG_HEAD "  template:\n    metadata: {name: p}\n", "spec.template: apiVersion: missing required field\n"},
		{"a CR's metadata is ObjectMeta", SM_HEAD "  endpoints: []\n" "status: {}\n", "status: unknown field\n"},
		{"metadata fields are ObjectMeta's", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  label: {a: b}\nspec:\n  size: 1\n", "metadata.label: unknown field\n"},
		{"a CR needs a name too", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {}\nspec:\n  size: 1\n", "metadata.name: Required value: name or generateName is required\n"},
		{"a version the CRD does not serve", "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata:\n  name: w\n", "no matches for kind \"Widget\" in version \"example.com/v1alpha1\""},
		{"a version the CRD does not define", "apiVersion: monitoring.coreos.com/v2\nkind: ServiceMonitor\nmetadata:\n  name: w\n", "no matches for kind \"ServiceMonitor\" in version \"monitoring.coreos.com/v2\""},
		{"defaulted enum inside a list item: absent is fine", SM_HEAD "  endpoints:\n  - relabelings:\n    - targetLabel: x\n", ""},
	};
	run_cases(CHART, cases, sizeof cases / sizeof *cases);
}
END_TEST

/* Without a CRD a CR is skipped; --strict-schemas makes it a finding. A CRD rendered in the
 * same stream counts. */
START_TEST(custom_resources_skipped_or_strict)
{
	long n;
	/* Probe: same group as ServiceMonitor, not in the catalogue */
	static const char probe[] = "apiVersion: monitoring.coreos.com/v1\nkind: Probe\nmetadata:\n  name: m\nspec:\n  typo: 1\n";
	const char *got = run_api(NULL, probe, 0, "tap", &n);
	ck_assert_int_eq(n, 0);
	ck_assert_msg(strstr(got, "ok 1 - c/templates/t.yaml (Probe m) line 2 # SKIP no schema\n"), "%s", got);
	ck_assert_msg(strstr(got, "# valid: 0, invalid: 0, skipped: 1\n"), "%s", got);
	got = run_api(NULL, probe, HTMPL_VALIDATE_STRICT_SCHEMAS, NULL, &n);
	ck_assert_int_eq(n, 1);
	ck_assert_msg(strstr(got, "Probe \"m\": could not find schema for Probe (monitoring.coreos.com/v1)"), "%s", got);
	static const char crd_then_cr[] =
		"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\n"
		"spec:\n  group: example.com\n  names: {kind: Gadget, plural: gadgets}\n  scope: Namespaced\n"
		"  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n"
		"        type: object\n        properties:\n          spec:\n            type: object\n"
		"            properties:\n              size: {type: integer}\n"
		"---\n# Source: c/templates/g.yaml\napiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  sise: 1\n";
	got = run_api(NULL, crd_then_cr, 0, NULL, &n);
	ck_assert_msg(n == 1 && strstr(got, "c/templates/g.yaml: Gadget \"g\": spec.sise: unknown field\n"), "%s", got);
}
END_TEST

#define CRD_HEAD "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\n" \
	"spec:\n  group: example.com\n  names: {kind: Gadget, plural: gadgets}\n  scope: Namespaced\n" \
	"  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n" \
	"        type: object\n        properties:\n          spec:\n            type: object\n"

/* The four areas the API server treats differently from a plain schema walk. */
START_TEST(api_server_fidelity)
{
	static const vcase cases[] = {
		/* schemas nested in a CRD: openAPIV3Schema's properties, items and additionalProperties
		 * are JSONSchemaProps, decoded strictly */
		{"typo in a nested property schema", CRD_HEAD "            properties:\n              size: {type: integer, minimun: 1}\n",
		 "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.minimun: unknown field\n"},
		{"typo in an items schema", CRD_HEAD "            properties:\n              tags:\n                type: array\n                items: {type: string, patern: x}\n",
		 "properties.tags.items.patern: unknown field\n"},
		{"typo in an additionalProperties schema", CRD_HEAD "            additionalProperties: {type: string, foo: 1}\n",
		 "properties.spec.additionalProperties.foo: unknown field\n"},
		{"additionalProperties may be a boolean", CRD_HEAD "            additionalProperties: true\n", ""},
		{"a valid nested schema", CRD_HEAD "            properties:\n              tags:\n                type: array\n                items: {type: string, pattern: ^a}\n", ""},
		/* ValidateObjectMeta: name or generateName */
		{"no metadata.name", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n", "ConfigMap \"\": metadata.name: Required value: name or generateName is required\n"},
		{"no metadata at all", "apiVersion: v1\nkind: ConfigMap\ndata: {}\n", "metadata.name: Required value: name or generateName is required\n"},
		{"generateName instead of name", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: j-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n", ""},
		{"a pod template needs no name", DEPLOY_HEAD "      containers:\n      - name: a\n", ""},
		/* defaulting runs before validation: "" is the unset value of these enums */
		{"empty imagePullPolicy is defaulted (SetDefaults_Container)", DEPLOY_HEAD "      containers:\n      - name: a\n        imagePullPolicy: \"\"\n", ""},
		{"empty Service type is defaulted to ClusterIP", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: \"\"\n  ports:\n  - port: 80\n    protocol: \"\"\n", ""},
		{"empty toleration operator means Equal", DEPLOY_HEAD "      tolerations:\n      - key: k\n        operator: \"\"\n        effect: \"\"\n      containers:\n      - name: a\n", ""},
		{"a wrong imagePullPolicy is still rejected", DEPLOY_HEAD "      containers:\n      - name: a\n        imagePullPolicy: always\n",
		 "imagePullPolicy: unsupported value \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"\n"},
		{"an empty enum the server does not default (NetworkPolicy port protocol is a pointer)",
		 "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: \"\"\n",
		 "spec.ingress[0].ports[0].protocol: unsupported value \"\""},
		/* kind: List, flattened by kubectl and helm: each item is an object of its own */
		{"a List's items are validated", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  dta: {}\n",
		 "List \"\": items[0].dta: unknown field\n"},
		{"a List item needs a name", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {}\n",
		 "items[0].metadata.name: Required value"},
		{"a valid List", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data: {a: b}\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n  spec:\n    ports:\n    - port: 80\n", ""},
		{"an empty List", "apiVersion: v1\nkind: List\nitems: []\n", ""},
	};
	run_cases(NULL, cases, sizeof cases / sizeof *cases);
}
END_TEST

static char *slurp(const char *rel, size_t *len)
{
	FILE *f = fopen(src_path(rel), "rb");
	ck_assert_msg(f != NULL, "%s", rel);
	static char buf[1 << 16];
	*len = fread(buf, 1, sizeof buf - 1, f);
	buf[*len] = 0;
	fclose(f);
	char *out = malloc(*len + 1);
	memcpy(out, buf, *len + 1);
	return out;
}

/* The built-in catalogue (ServiceMonitor, Certificate, ClusterIssuer, HTTPRoute, Application,
 * Rollout, ScaledObject, ExternalSecret, Istio's VirtualService and DestinationRule) without any CRD in the chart: the valid forms pass,
 * one seeded fault per document is found, with exactly the expected lines. */
START_TEST(custom_resources_catalogue)
{
	size_t len;
	char *rep = NULL, *text = slurp("tests/validate/catalogue-valid.yaml", &len);
	htmpl_error err = HTMPL_ERROR_INIT;
	long n = htmpl_validate(NULL, text, len, NULL, NULL, HTMPL_VALIDATE_STRICT_SCHEMAS, "tap", &rep, &err);
	ck_assert_msg(n == 0 && strstr(rep, "# valid: 10, invalid: 0, skipped: 0\n"), "%s", rep);
	free(rep);
	free(text);
	text = slurp("tests/validate/catalogue-faults.yaml", &len);
	char *want = slurp("tests/validate/catalogue-faults.expected", &len);
	size_t tl = strlen(text);
	n = htmpl_validate(NULL, text, tl, NULL, NULL, 0, NULL, &rep, &err);
	ck_assert_int_eq(n, 13);
	ck_assert_str_eq(rep, want);
	free(rep);
	free(want);
	free(text);
}
END_TEST

/* A large stream is decoded on several threads, and crds/ files ahead of their CRs: the
 * report is byte for byte the serial one (v.jobs = 1), for every thread count. The stream
 * (500 ConfigMaps, about 90 KiB) and the two CRD files (48 KiB of descriptions each) are
 * above the size where threads start. */
static char *crd_text(const char *kind, const char *plural)
{
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
	            "metadata:\n  name: %s.example.com\nspec:\n  group: example.com\n  names:\n"
	            "    kind: %s\n    plural: %s\n  scope: Namespaced\n  versions:\n  - name: v1\n"
	            "    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n"
	            "        type: object\n        description: \"", plural, kind, plural);
	for (int i = 0; i < 6000; i++)
		hbuf_puts(&b, "padding ");
	hbuf_puts(&b, "\"\n        properties:\n          spec:\n            type: object\n"
	              "            properties:\n              size:\n                type: integer\n");
	return hbuf_steal(&b, NULL);
}

START_TEST(parallel_equals_serial)
{
	hbuf s = HBUF_INIT;
	for (int i = 0; i < 500; i++)
		hbuf_printf(&s, "---\n# Source: c/templates/cm%d.yaml\napiVersion: v1\nkind: ConfigMap\n"
		            "metadata:\n  name: cm-%d\n  labels:\n    app: web\n    tier: backend\n"
		            "data:\n  key: value-%d\n  other: \"quoted text %d\"\n%s", i, i, i, i,
		            i % 97 == 5 ? "dta: {}\n" : "");
	hbuf_puts(&s, "---\n# Source: c/templates/foo.yaml\napiVersion: example.com/v1\nkind: Foo\n"
	              "metadata:\n  name: f\nspec:\n  size: 3\n"
	              "---\n# Source: c/templates/bar.yaml\napiVersion: example.com/v1\nkind: Bar\n"
	              "metadata:\n  name: b\nspec:\n  sise: 3\n");
	char *foo = crd_text("Foo", "foos"), *bar = crd_text("Bar", "bars");
	hfile crds[2] = {{"crds/foo.yaml", foo, strlen(foo)}, {"crds/bar.yaml", bar, strlen(bar)}};
	hchart c = {.crds = crds, .ncrds = 2};
	char *serial = NULL;
	for (unsigned jobs = 1; jobs <= 4; jobs++) {
		hvalidator v = {.arena = harena_new(), .jobs = jobs};
		hbuf r = HBUF_INIT;
		herr e = HTMPL_ERROR_INIT;
		hvalidate_summary sum;
		ck_assert(hvalidate_learn_chart(&v, &c, &e));
		ck_assert(hvalidate_stream(&v, s.data, s.len, HVALIDATE_TAP, &r, &sum, &e));
		ck_assert_uint_eq(sum.invalid, 7);
		if (!serial) {
			serial = hbuf_steal(&r, NULL);
			ck_assert_msg(strstr(serial, "spec.sise: unknown field") && strstr(serial, "# valid: 495, invalid: 7,"),
			              "%s", serial + strlen(serial) - 120);
		} else {
			ck_assert_str_eq(hbuf_cstr(&r), serial);
		}
		hbuf_free(&r);
		hvalidate_done(&v);
		harena_free(v.arena);
	}
	free(serial);
	free(foo);
	free(bar);
	hbuf_free(&s);
}
END_TEST

/* --output json|junit|tap|github: document index, line, and the summary. */
START_TEST(ci_outputs)
{
	static const char two[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n"
		"---\n# Source: c/templates/u.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndta: {}\n";
	long n;
	const char *got = run_api(NULL, two, 0, "json", &n);
	ck_assert_int_eq(n, 1);
	ck_assert_msg(strstr(got, "{\"filename\": \"c/templates/u.yaml\", \"kind\": \"ConfigMap\", \"name\": \"bad\", \"version\": \"v1\", "
	                          "\"document\": 1, \"line\": 8, \"status\": \"statusInvalid\", \"msg\": \"ConfigMap \\\"bad\\\": dta: unknown field\", "
	                          "\"validationErrors\": [{\"path\": \"dta\", \"msg\": \"unknown field\"}]}"), "%s", got);
	ck_assert_msg(strstr(got, "\"summary\": {\"valid\": 1, \"invalid\": 1, \"errors\": 0, \"skipped\": 0}\n}\n"), "%s", got);
	got = run_api(NULL, two, 0, "junit", &n);
	ck_assert_msg(strstr(got, "<testsuites name=\"htmpl validate\" tests=\"2\" failures=\"1\" skipped=\"0\">"), "%s", got);
	ck_assert_msg(strstr(got, "<testcase name=\"document 1 (line 8) ConfigMap bad\" classname=\"c/templates/u.yaml\">\n"
	                          "      <failure message=\"1 finding\" type=\"ValidationError\">ConfigMap &quot;bad&quot;: dta: unknown field\n</failure>"), "%s", got);
	got = run_api(NULL, two, 0, "tap", &n);
	ck_assert_str_eq(got, "TAP version 13\n1..2\nok 1 - c/templates/t.yaml (ConfigMap ok) line 2\n"
	                      "not ok 2 - c/templates/u.yaml (ConfigMap bad) line 8\n  # dta: unknown field\n"
	                      "# valid: 1, invalid: 1, skipped: 0\n");
	got = run_api(NULL, two, 0, "github", &n);
	ck_assert_str_eq(got, "::error file=c/templates/u.yaml,line=8,title=document 1::ConfigMap \"bad\": dta: unknown field\n"
	                      "Summary: 2 resources found - Valid: 1, Invalid: 1, Skipped: 0\n");
	htmpl_error err = HTMPL_ERROR_INIT;
	char *rep = NULL;
	ck_assert_int_eq(htmpl_validate(NULL, two, sizeof two - 1, NULL, NULL, 0, "xml", &rep, &err), -1);
	ck_assert_int_eq(err.code, HTMPL_ERR_USAGE);
	htmpl_error_clear(&err);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("validate");
	TCase *t = tcase_create("k8s");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, valid_workloads);
	tcase_add_test(t, seeded_faults);
	tcase_add_test(t, quantities);
	tcase_add_test(t, schema_location);
	tcase_add_test(t, family_faults_found);
	tcase_add_test(t, findings_name_document);
	tcase_add_test(t, kube_version_availability);
	tcase_add_test(t, field_tables_per_version);
	tcase_add_test(t, custom_resources_against_chart_crds);
	tcase_add_test(t, custom_resources_skipped_or_strict);
	tcase_add_test(t, custom_resources_catalogue);
	tcase_add_test(t, api_server_fidelity);
	tcase_add_test(t, ci_outputs);
	tcase_add_test(t, parallel_equals_serial);
	tcase_add_test(t, todo_app_clean);
	tcase_add_test(t, compat_charts_clean);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
