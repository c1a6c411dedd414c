"""tests/browser.py itself: prerequisites fail loudly, the server serves only the site."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import browser
import pytest


def test_missing_prerequisites_fail_with_their_names_and_how_to_install(monkeypatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(browser, "VNU_JAR", Path("/nonexistent/vnu.jar"))
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)  # no node, no java
    with pytest.raises(pytest.fail.Exception) as failure:
        browser.require("chromium", "java", "vnu-jar", "axe-core")
    message = str(failure.value)
    assert "apt-get install -y chromium" in message
    assert "never `playwright install`" in message
    assert "java:" in message
    assert "default-jre-headless" in message
    assert "vnu-jar:" in message
    assert "npm ci" in message
    assert "node:" in message  # npm ci needs node
    assert "axe-core:" not in message  # present here


@pytest.mark.browser
def test_require_passes_silently_when_everything_is_there() -> None:
    browser.require("chromium", "playwright", "java", "axe-core", "vnu-jar")


def test_the_server_serves_the_site_under_its_mount_only(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>책</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<p>장</p>", encoding="utf-8")
    with browser.serve(tmp_path, "/actfn/") as url:
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/actfn/")
        with urllib.request.urlopen(url + "index.html") as response:
            assert response.read().decode() == "<p>책</p>"
        with urllib.request.urlopen(url + "sub/") as response:
            assert response.read().decode() == "<p>장</p>"
        root = url.removesuffix("actfn/")
        for outside in (root + "index.html", url + "missing.html"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(outside)
            assert error.value.code == 404, outside
            error.value.close()


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000/actfn/index.html", True),
        ("data:image/png;base64,AAAA", True),
        ("https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js", False),
        ("http://localhost:8000/", False),  # only 127.0.0.1, where the site is served
        ("https://fonts.googleapis.com/css2", False),
    ],
)
def test_only_the_local_server_is_local(url: str, local: bool) -> None:
    assert browser.is_local(url) is local
