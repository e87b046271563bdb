/* lint_rules.c - htmpl's opt-in best-practice rules (`htmpl lint --rules recommended`).
 *
 * helm lint has no such rules; these follow the Kubernetes Pod Security "restricted" profile
 * and common production checklists. Each finding is a WARNING (so `--strict` fails on it)
 * with a rule id and a one-line fix. A resource silences rules with the annotation
 * `htmpl.io/ignore: rule-id,rule-id` (or `all`). Rules see every rendered document of the
 * chart (subcharts included), so cross-resource checks (Service selectors, HPA targets) work. */
#include "lint/lint_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct rule {
	const char *id, *fix;
} rule;

static const rule rules[] = {
	{"run-as-non-root", "set securityContext.runAsNonRoot: true on the pod or the container"},
	{"no-privilege-escalation", "set securityContext.allowPrivilegeEscalation: false on the container"},
	{"resources", "set resources.requests and resources.limits (cpu and memory)"},
	{"probes", "add a livenessProbe and a readinessProbe"},
	{"image-tag", "pin the image to a version tag or a digest, not latest"},
	{"secret-in-configmap", "move the value into a Secret and mount or reference it"},
	{"secret-in-env", "use env[].valueFrom.secretKeyRef instead of a plain value"},
	{"service-selector", "make spec.selector match the pod labels of a workload in the chart"},
	{"hpa-target", "point scaleTargetRef at a workload rendered by the chart"},
};

const char *hlint_rule_fix(const char *id)
{
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (!strcmp(rules[i].id, id))
			return rules[i].fix;
	return NULL;
}

/* ---------------------------------------------------------------- access helpers */

static const hv *get(const hv *m, const char *key)
{
	return m && hv_is_map(m) ? hmap_gets(m->m, key) : NULL;
}

static const hv *path(const hv *m, const char *const *keys)
{
	for (; m && *keys; keys++)
		m = get(m, *keys);
	return m;
}

static const char *str(const hv *v) { return v && v->type == HT_STRING ? v->s->data : ""; }

static bool truthy_bool(const hv *v, bool want) { return v && v->type == HT_BOOL && v->b == want; }

typedef struct rctx {
	hlint *L;
	hlint_chart *c;
	const hlint_doc *docs;
	size_t n;
	bool oom;
} rctx;

/* The htmpl.io/ignore annotation lists rule ids (or `all`). */
static bool ignored(const hlint_doc *d, const char *id)
{
	const char *const k[] = {"metadata", "annotations", NULL};
	const char *list = str(get(path(&d->doc, k), "htmpl.io/ignore"));
	size_t n = strlen(id);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t len = strcspn(p, ", ");
		if ((len == n && !strncmp(p, id, n)) || (len == 3 && !strncmp(p, "all", 3)))
			return true;
		p += len;
	}
	return false;
}

static void report(rctx *x, const hlint_doc *d, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(rctx *x, const hlint_doc *d, const char *id, const char *fmt, ...)
{
	if (x->oom || ignored(d, id))
		return;
	const char *const k[] = {"metadata", "name", NULL};
	char msg[1024];
	int off = snprintf(msg, sizeof msg, "%s \"%s\": ", str(get(&d->doc, "kind")), str(path(&d->doc, k)));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + off, sizeof msg - (size_t)off, fmt, ap);
	va_end(ap);
	if (!hlint_add(x->L, x->c, HLINT_WARNING, d->source, msg)) {
		x->oom = true;
		return;
	}
	hlint_msg *m = &x->c->msgs[x->c->n - 1];
	m->rule = id;
	m->fix = hlint_rule_fix(id);
	m->line = d->line;
}

/* ---------------------------------------------------------------- workloads */

/* The pod template spec of a workload kind, or NULL. */
static const hv *pod_spec(const hv *doc, const hv **labels, bool *batch)
{
	const char *kind = str(get(doc, "kind"));
	static const char *const tmpl[] = {"spec", "template", NULL};
	static const char *const cj[] = {"spec", "jobTemplate", "spec", "template", NULL};
	const hv *t = NULL;
	*batch = false;
	if (!strcmp(kind, "Pod")) {
		*labels = path(doc, (const char *const[]){"metadata", "labels", NULL});
		return get(doc, "spec");
	}
	if (!strcmp(kind, "Deployment") || !strcmp(kind, "StatefulSet") || !strcmp(kind, "DaemonSet") ||
	    !strcmp(kind, "ReplicaSet") || !strcmp(kind, "ReplicationController"))
		t = path(doc, tmpl);
	else if (!strcmp(kind, "Job"))
		t = path(doc, tmpl), *batch = true;
	else if (!strcmp(kind, "CronJob"))
		t = path(doc, cj), *batch = true;
	if (!t)
		return NULL;
	*labels = path(t, (const char *const[]){"metadata", "labels", NULL});
	return get(t, "spec");
}

static bool secretish(const char *name)
{
	static const char *const words[] = {"password", "passwd", "secret", "token", "apikey",
	                                    "api_key", "api-key", "private_key", "privatekey",
	                                    "credential"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasestr(name, words[i]))
			return true;
	return false;
}

static void check_image(rctx *x, const hlint_doc *d, const char *cname, const char *image)
{
	if (strchr(image, '@'))
		return; /* pinned by digest */
	const char *slash = strrchr(image, '/');
	const char *colon = strrchr(slash ? slash : image, ':');
	if (!*image)
		report(x, d, "image-tag", "container \"%s\": image is empty", cname);
	else if (!colon || !colon[1])
		report(x, d, "image-tag", "container \"%s\": image \"%s\" has no tag (means latest)", cname, image);
	else if (!strcmp(colon + 1, "latest"))
		report(x, d, "image-tag", "container \"%s\": image \"%s\" uses the latest tag", cname, image);
}

static void check_container(rctx *x, const hlint_doc *d, const hv *pod, const hv *ct, bool init,
                            bool batch)
{
	const char *name = str(get(ct, "name"));
	const hv *sc = get(ct, "securityContext"), *psc = get(pod, "securityContext");
	const hv *nonroot = get(sc, "runAsNonRoot");
	const hv *user = get(sc, "runAsUser");
	if (!nonroot)
		nonroot = get(psc, "runAsNonRoot");
	if (!user)
		user = get(psc, "runAsUser");
	bool uid_ok = user && user->type == HT_FLOAT64 && user->f > 0;
	if (!truthy_bool(nonroot, true) && !uid_ok)
		report(x, d, "run-as-non-root", "container \"%s\": may run as root (runAsNonRoot is not true)", name);
	if (!truthy_bool(get(sc, "allowPrivilegeEscalation"), false))
		report(x, d, "no-privilege-escalation", "container \"%s\": allowPrivilegeEscalation is not false", name);
	const hv *res = get(ct, "resources");
	const hv *req = get(res, "requests"), *lim = get(res, "limits");
	if (!req || !hv_is_map(req) || !hmap_len(req->m) || !lim || !hv_is_map(lim) || !hmap_len(lim->m))
		report(x, d, "resources", "container \"%s\": resources.%s not set", name,
		       (!req || !hv_is_map(req) || !hmap_len(req->m)) ? "requests" : "limits");
	if (!init && !batch) {
		if (!get(ct, "livenessProbe"))
			report(x, d, "probes", "container \"%s\": no livenessProbe", name);
		if (!get(ct, "readinessProbe"))
			report(x, d, "probes", "container \"%s\": no readinessProbe", name);
	}
	check_image(x, d, name, str(get(ct, "image")));
	const hv *env = get(ct, "env");
	for (size_t i = 0; env && hv_is_list(env) && i < env->l->len; i++) {
		const hv *e = &env->l->v[i];
		const hv *val = get(e, "value");
		if (val && val->type == HT_STRING && val->s->len && secretish(str(get(e, "name"))))
			report(x, d, "secret-in-env", "container \"%s\": env %s holds a plain value", name,
			       str(get(e, "name")));
	}
}

static void check_workload(rctx *x, const hlint_doc *d)
{
	const hv *labels;
	bool batch;
	const hv *pod = pod_spec(&d->doc, &labels, &batch);
	if (!pod)
		return;
	/* Run-to-completion pods (helm test hooks, restartPolicy Never/OnFailure) need no probes. */
	const char *rp = str(get(pod, "restartPolicy"));
	const char *const hook[] = {"metadata", "annotations", "helm.sh/hook", NULL};
	if (!strcmp(rp, "Never") || !strcmp(rp, "OnFailure") || path(&d->doc, hook))
		batch = true;
	static const char *const lists[] = {"containers", "initContainers"};
	for (int k = 0; k < 2; k++) {
		const hv *cs = get(pod, lists[k]);
		for (size_t i = 0; cs && hv_is_list(cs) && i < cs->l->len; i++)
			check_container(x, d, pod, &cs->l->v[i], k == 1, batch);
	}
}

static void check_configmap(rctx *x, const hlint_doc *d)
{
	if (strcmp(str(get(&d->doc, "kind")), "ConfigMap"))
		return;
	const hv *data = get(&d->doc, "data");
	size_t n = data && hv_is_map(data) ? hmap_len(data->m) : 0;
	hmap_entry **es = n ? hmap_sorted(data->m) : NULL;
	for (size_t i = 0; es && i < n; i++)
		if (secretish(es[i]->key->data) && es[i]->val.type == HT_STRING && es[i]->val.s->len)
			report(x, d, "secret-in-configmap", "data.%s looks like a secret", es[i]->key->data);
}

/* ---------------------------------------------------------------- cross-resource */

static bool labels_match(const hv *selector, const hv *labels)
{
	size_t n = hmap_len(selector->m);
	hmap_entry **es = n ? hmap_sorted(selector->m) : NULL;
	for (size_t i = 0; es && i < n; i++) {
		const hv *l = labels && hv_is_map(labels) ? hmap_get(labels->m, es[i]->key->data, es[i]->key->len) : NULL;
		if (!l || es[i]->val.type != HT_STRING || l->type != HT_STRING ||
		    strcmp(l->s->data, es[i]->val.s->data))
			return false;
	}
	return true;
}

static void check_service(rctx *x, const hlint_doc *d)
{
	if (strcmp(str(get(&d->doc, "kind")), "Service"))
		return;
	const hv *sel = path(&d->doc, (const char *const[]){"spec", "selector", NULL});
	if (!sel || !hv_is_map(sel) || !hmap_len(sel->m))
		return; /* headless or external: nothing to match */
	for (size_t i = 0; i < x->n; i++) {
		const hv *labels;
		bool batch;
		if (pod_spec(&x->docs[i].doc, &labels, &batch) && labels_match(sel, labels))
			return;
	}
	report(x, d, "service-selector", "spec.selector matches no workload's pod labels in the chart");
}

static void check_hpa(rctx *x, const hlint_doc *d)
{
	if (strcmp(str(get(&d->doc, "kind")), "HorizontalPodAutoscaler"))
		return;
	const hv *ref = path(&d->doc, (const char *const[]){"spec", "scaleTargetRef", NULL});
	const char *kind = str(get(ref, "kind")), *name = str(get(ref, "name"));
	for (size_t i = 0; i < x->n; i++) {
		const hv *o = &x->docs[i].doc;
		if (!strcmp(str(get(o, "kind")), kind) &&
		    !strcmp(str(path(o, (const char *const[]){"metadata", "name", NULL})), name))
			return;
	}
	report(x, d, "hpa-target", "scaleTargetRef %s \"%s\" is not rendered by the chart", kind, name);
}

bool hlint_rules_run(hlint *L, hlint_chart *c, const hlint_doc *docs, size_t n)
{
	rctx x = {.L = L, .c = c, .docs = docs, .n = n};
	for (size_t i = 0; i < n && !x.oom; i++) {
		check_workload(&x, &docs[i]);
		check_configmap(&x, &docs[i]);
		check_service(&x, &docs[i]);
		check_hpa(&x, &docs[i]);
	}
	return !x.oom;
}
