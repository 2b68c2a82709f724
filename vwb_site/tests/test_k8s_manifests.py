"""deploy/k8s/: every manifest is valid against the Kubernetes schemas (offline, strict), the
workloads say what the README says, and their settings are named as in .env.example."""

import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from conftest import ROOT

K8S = ROOT / "deploy/k8s"
BASE = K8S / "base"
KUBERNETES_VERSION = "1.30.0"
README = (ROOT / "README.md").read_text()
ENV_EXAMPLE = set(
    re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M)
)


def kustomization(folder: Path) -> dict:
    return yaml.safe_load((folder / "kustomization.yaml").read_text())


def base_documents() -> list[dict]:
    docs = []
    for name in kustomization(BASE)["resources"]:
        docs += [d for d in yaml.safe_load_all((BASE / name).read_text()) if d]
    return docs


DOCS = base_documents()


def by_kind(kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in DOCS if d["kind"] == kind}


def pod_specs() -> dict[str, dict]:
    workloads = {**by_kind("Deployment"), **by_kind("Job")}
    return {name: w["spec"]["template"]["spec"] for name, w in workloads.items()}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_every_manifest_is_valid_against_the_kubernetes_schema(doc):
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_the_base_has_every_workload_and_policy():
    kinds = {(d["kind"], d["metadata"]["name"]) for d in DOCS}
    assert kinds >= {
        ("Deployment", "vwb-web"),
        ("Deployment", "vwb-worker"),
        ("Deployment", "vwb-beat"),
        ("Job", "vwb-migrate"),
        ("Service", "vwb-web"),
        ("HorizontalPodAutoscaler", "vwb-web"),
        ("HorizontalPodAutoscaler", "vwb-worker"),
        ("PodDisruptionBudget", "vwb-web"),
        ("PodDisruptionBudget", "vwb-worker"),
        ("ConfigMap", "vwb-config"),
    }
    targets = {
        h["spec"]["scaleTargetRef"]["name"] for h in by_kind("HorizontalPodAutoscaler").values()
    }
    assert targets == {"vwb-web", "vwb-worker"}


def test_beat_is_exactly_one_and_never_two_during_a_rollout():
    beat = by_kind("Deployment")["vwb-beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert "vwb-beat" not in {
        h["spec"]["scaleTargetRef"]["name"] for h in by_kind("HorizontalPodAutoscaler").values()
    }


def test_web_probes_resources_and_graceful_shutdown():
    web = by_kind("Deployment")["vwb-web"]["spec"]["template"]
    container = web["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    config = by_kind("ConfigMap")["vwb-config"]["data"]
    assert web["spec"]["terminationGracePeriodSeconds"] > int(config["GUNICORN_GRACEFUL_TIMEOUT"])
    assert web["metadata"]["annotations"]["prometheus.io/scrape"] == "true"
    assert web["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"


@pytest.mark.parametrize("name", sorted(pod_specs()))
def test_every_pod_runs_as_the_image_user_on_a_read_only_root(name):
    spec = pod_specs()[name]
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] == 10001  # the Dockerfile's vwb user
    for container in spec["containers"]:
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert container["resources"]["requests"] and container["resources"]["limits"]
        mounts = {m["mountPath"] for m in container["volumeMounts"]}
        assert "/tmp" in mounts  # metrics files, gunicorn heartbeats, the beat schedule


@pytest.mark.parametrize("name", sorted(pod_specs()))
def test_commands_are_the_readme_ones_and_keep_the_image_entrypoint(name):
    container = pod_specs()[name]["containers"][0]
    assert "command" not in container  # the entrypoint checks the settings first
    assert " ".join(container["args"]) in README, container["args"]


@pytest.mark.parametrize("name", sorted(pod_specs()))
def test_settings_are_named_as_in_env_example(name):
    container = pod_specs()[name]["containers"][0]
    for item in container.get("env", []):
        assert item["name"] in ENV_EXAMPLE, item["name"]
        ref = item.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            assert ref["name"] == "vwb-secrets" and ref["key"] == item["name"]
    assert [e["configMapRef"]["name"] for e in container["envFrom"]] == ["vwb-config"]
    names = {item["name"] for item in container["env"]}
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "JWT_SIGNING_KEY"} <= names


def test_config_map_keys_are_named_as_in_env_example():
    keys = set(by_kind("ConfigMap")["vwb-config"]["data"])
    assert keys <= ENV_EXAMPLE, keys - ENV_EXAMPLE


@pytest.mark.parametrize("overlay", sorted(p.name for p in (K8S / "overlays").iterdir()))
def test_overlays_build_on_the_base_and_name_what_it_has(overlay):
    folder = K8S / "overlays" / overlay
    spec = kustomization(folder)
    assert spec["kind"] == "Kustomization"
    assert [(folder / r).resolve() for r in spec["resources"]] == [BASE.resolve()]
    names = {(d["kind"], d["metadata"]["name"]) for d in DOCS}
    for replica in spec.get("replicas", []):
        assert ("Deployment", replica["name"]) in names
    for patch in spec.get("patches", []):
        assert (patch["target"]["kind"], patch["target"]["name"]) in names
        for op in yaml.safe_load(patch["patch"]):
            if op["path"].startswith("/data/"):
                assert op["path"].removeprefix("/data/") in ENV_EXAMPLE
    assert [i["name"] for i in spec["images"]] == ["vwb-backend"]
