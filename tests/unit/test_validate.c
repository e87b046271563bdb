/* test_validate.c - offline manifest validation (validate.c, k8s_schema.c): seeded faults
 * (typoed field, wrong type, missing container name, bad port, bad quantity, bad enum, bad
 * base64, number in annotations) are each found with their path, and valid manifests of every
 * workload kind pass. */
#include "validate.h"

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
	ck_assert(hval_manifests(&v, text.data, text.len, &R, n, &e));
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
		ck_assert_msg(hval_quantity_ok(ok[i], strlen(ok[i])), "%s", ok[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!hval_quantity_ok(bad[i], strlen(bad[i])), "%s", bad[i]);
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

static Suite *suite(void)
{
	Suite *s = suite_create("validate");
	TCase *t = tcase_create("k8s");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, valid_workloads);
	tcase_add_test(t, seeded_faults);
	tcase_add_test(t, quantities);
	tcase_add_test(t, schema_location);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
