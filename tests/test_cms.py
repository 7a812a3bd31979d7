"""The web editor's configuration comes from the schema; /admin/ is served from the site, never indexed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from passerelles import cms
from passerelles.builder import build
from passerelles.config import load_config
from passerelles.schema import SCHEMAS

from .conftest import BUILD_DATE, SITE_YAML, MakeSite


def fields_of(config: dict[str, Any], collection: str) -> dict[str, dict[str, Any]]:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {f["name"]: f for f in found["fields"]}


def editor_config(make_site: MakeSite, site_yaml: str = SITE_YAML) -> dict[str, Any]:
    config, errors = load_config(make_site({"site.yaml": site_yaml}))
    assert errors == [] and config is not None
    data = yaml.safe_load(cms.editor_config(config))
    assert isinstance(data, dict)
    return data


def test_one_collection_per_schema_collection_with_every_field(make_site: MakeSite) -> None:
    config = editor_config(make_site)
    assert [c["name"] for c in config["collections"]] == list(SCHEMAS)
    for name, schema in SCHEMAS.items():
        collection = next(c for c in config["collections"] if c["name"] == name)
        assert collection["folder"] == f"content/{name}" and collection["format"] == "frontmatter"
        assert [f["name"] for f in collection["fields"]] == [f.name for f in schema] + ["body"]
        assert collection["fields"][-1] == {"label": "Texte", "name": "body", "widget": "markdown", "required": False}
        for spec in schema:
            assert fields_of(config, name)[spec.name]["required"] is spec.required


def test_widgets_follow_field_kinds(make_site: MakeSite) -> None:
    config = editor_config(make_site)
    metier, temoignage, evenement = (fields_of(config, c) for c in ("metiers", "temoignages", "evenements"))
    assert metier["niveau_acces"]["widget"] == "select"
    assert {"label": "Sans diplôme", "value": "sans-diplome"} in metier["niveau_acces"]["options"]
    assert metier["lieux"]["multiple"] is True and metier["lieux"]["min"] == 1
    assert metier["code_rome"]["pattern"] == ["^[A-N][0-9]{4}$", "une lettre de A à N puis 4 chiffres, ex. J1501"]
    assert metier["image"]["widget"] == "image"
    formation = {f["name"]: f for f in metier["formations"]["fields"]}
    assert formation["niveau"] == {**formation["niveau"], "widget": "number", "value_type": "int", "min": 3, "max": 8}
    evolution = {f["name"]: f for f in metier["evolutions"]["fields"]}
    assert evolution["metier"]["widget"] == "relation" and evolution["metier"]["collection"] == "metiers"
    assert evolution["metier"]["value_field"] == "{{slug}}" and evolution["metier"]["multiple"] is False
    assert temoignage["metier"]["widget"] == "relation"
    assert temoignage["date"]["widget"] == "datetime" and temoignage["date"]["format"] == "YYYY-MM-DD"
    assert evenement["metiers"]["widget"] == "relation" and evenement["metiers"]["multiple"] is True
    assert evenement["type"]["options"][0] == {"label": "Job dating", "value": "job-dating"}
    assert evenement["inscription"]["pattern"][0].startswith("^https?://")
    assert metier["resume"]["label"] == "Résumé" and metier["resume"]["widget"] == "text"
    salaire = {f["name"]: f for f in metier["salaire"]["fields"]}
    assert (salaire["debut_brut_mensuel"]["widget"], salaire["debut_brut_mensuel"]["value_type"]) == ("number", "float")
    assert metier["brouillon"]["default"] is False
    assert "default" not in metier["lieux"]
    # métiers name their certifications; certifications name one another (content/formations/)
    assert metier["certifications"]["widget"] == "relation" and metier["certifications"]["collection"] == "formations"
    assert metier["certifications"]["multiple"] is True
    formations = next(c for c in config["collections"] if c["name"] == "formations")
    fields = {f["name"]: f for f in formations["fields"]}
    assert formations["label"] == "Formations" and formations["folder"] == "content/formations"
    allegement = {f["name"]: f for f in fields["allegements"]["fields"]}
    assert allegement["depuis"]["collection"] == "formations"
    condition = {f["name"]: f for f in fields["conditions"]["fields"]}
    experience = {f["name"]: f for f in condition["experience"]["fields"]}
    assert experience["metiers"]["collection"] == "metiers"
    assert "default" not in evenement["gratuit"]  # unknown stays unknown, never « payant »


def test_media_and_backends(make_site: MakeSite) -> None:
    local = editor_config(make_site)
    assert (local["media_folder"], local["public_folder"]) == ("content/images", "/images")
    assert local["local_backend"] is True
    assert local["backend"] == {"name": "proxy", "proxy_url": "http://localhost:8081/api/v1", "branch": "main"}
    github = editor_config(make_site, SITE_YAML + "editeur:\n  hebergeur: github\n  depot: cd62/passerelles\n")
    assert github["backend"] == {"name": "github", "repo": "cd62/passerelles", "branch": "main"}
    gitlab = editor_config(
        make_site,
        SITE_YAML
        + "editeur:\n  hebergeur: gitlab\n  depot: cd62/site\n  branche: publie\n"
        + "  adresse: https://gitlab.example.fr/\n  app_id: abc123\n",
    )
    assert gitlab["backend"] == {
        "name": "gitlab",
        "repo": "cd62/site",
        "branch": "publie",
        "auth_type": "pkce",
        "app_id": "abc123",
        "base_url": "https://gitlab.example.fr",
        "api_root": "https://gitlab.example.fr/api/v4",
        "auth_endpoint": "oauth/authorize",
    }
    oauth = editor_config(
        make_site, SITE_YAML + "editeur:\n  hebergeur: github\n  depot: a/b\n  adresse: https://auth.example.fr\n"
    )
    assert oauth["backend"]["base_url"] == "https://auth.example.fr"


def test_admin_is_served_but_never_indexed(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(make_site(), out, BUILD_DATE, search=False)
    page = (out / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "/admin/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "Disallow: /admin/\n" in (out / "robots.txt").read_text(encoding="utf-8")
    assert (out / "admin" / "config.yml").read_text(encoding="utf-8").startswith("# Généré par Passerelles")


def test_decap_is_copied_from_node_modules_or_explained(tmp_path: Path) -> None:
    dist = tmp_path / "with" / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    for name in ("decap-cms.js", "103.decap-cms.js", "abc.wasm", "decap-cms.js.LICENSE.txt", "decap-cms.js.map"):
        (dist / name).write_text("x")
    found = cms.decap_files([tmp_path / "without", tmp_path / "with"])
    assert sorted(found) == [
        "admin/103.decap-cms.js",
        "admin/abc.wasm",
        "admin/decap-cms.js",
        "admin/decap-cms.js.LICENSE.txt",
    ]
    assert cms.decap_files([tmp_path / "without"]) == {}
    config, _ = load_config(Path(__file__).resolve().parent.parent)
    assert config is not None
    missing = cms.admin_page(config, installed=False)
    assert "<script" not in missing and "npm install decap-cms" in missing
    assert '<script src="/admin/decap-cms.js"></script>' in cms.admin_page(config, installed=True)


def test_an_optional_group_asks_for_nothing_until_filled_in(make_site: MakeSite) -> None:
    """Decap would refuse to save a métier without `experience_requise` if its inner fields were required."""
    metiers = fields_of(editor_config(make_site), "metiers")
    inner = {f["name"]: f for f in metiers["experience_requise"]["fields"]}
    assert metiers["experience_requise"]["required"] is False
    assert inner["mois"]["required"] is False and inner["mois"]["min"] == 1  # a number's minimum stays
    assert inner["metiers"]["required"] is False and "min" not in inner["metiers"]
    lieu = {f["name"]: f for f in fields_of(editor_config(make_site), "evenements")["lieu"]["fields"]}
    assert lieu["nom"]["required"] is False  # an online event has no place


def test_departements_are_a_select_of_the_data_file_codes_quoted_for_yaml_1_2(make_site: MakeSite) -> None:
    config = editor_config(make_site)
    field = fields_of(config, "temoignages")["departement"]
    assert field["widget"] == "select" and len(field["options"]) == 101
    assert {"label": "Pas-de-Calais", "value": "62"} in field["options"]
    assert all(isinstance(o["value"], str) for o in field["options"])
    site, errors = load_config(make_site())
    assert site is not None and errors == []
    text = cms.editor_config(site)
    assert "value: '08'" in text and "value: 08\n" not in text  # Decap's YAML 1.2 would read a bare 08 as 8
    precision = fields_of(config, "evenements")["precision_date"]
    assert {"label": "Le mois seulement", "value": "mois"} in precision["options"]
