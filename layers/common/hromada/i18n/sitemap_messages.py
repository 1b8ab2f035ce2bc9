"""Messages of the sitemaps (fr, uk, en)."""

from __future__ import annotations

SITEMAP_MESSAGES: dict[str, dict[str, str]] = {
    "sitemap_not_found": {
        "fr": "Ce fichier du plan du site n’existe pas : l’index (/sitemap.xml) nomme ceux qui existent.",
        "uk": "Такого файлу карти сайту немає: індекс (/sitemap.xml) називає наявні файли.",
        "en": "No such sitemap file: the index (/sitemap.xml) names those that exist.",
    },
}
