"""综合窗口 (comprehensive window): the intake queue and the acceptance form — accept, ask once for
every missing material (补正, 一次性告知), or refuse with reasons."""

from __future__ import annotations

from flask import Blueprint

import engine

from . import desk

bp = Blueprint("window", __name__, url_prefix="/window")
desk.add_routes(bp, engine.WINDOW_CLERK)
