"""The wheel carries the trained models: ``models/`` of the checkout becomes ``korex/models/``
of the installed package, so an installed korex runs the pipeline that was tested. Everything
else about the package is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildWithModels(build_py):
    def run(self):
        super().run()
        # an editable install finds the checkout's models/ where they are (korex.bundled)
        if getattr(self, "editable_mode", False) or not MODELS.is_dir():
            return
        target = Path(self.build_lib) / "korex" / "models"
        for model in sorted(MODELS.iterdir()):
            if model.is_dir():  # a spaCy pipeline (config.cfg) or the deal model (deal_model.json)
                shutil.copytree(model, target / model.name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithModels})
