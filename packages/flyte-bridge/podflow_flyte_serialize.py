"""Serialises every workflow of a flytekit module the way `pyflyte register` does (flytekit's get_serializable) and
prints the task templates as JSON: what Flyte would receive. Used by Podflow's tests to check exported modules.

    python podflow_flyte_serialize.py MODULE.py
"""

import importlib.util
import json
import os
import sys
import warnings
from collections import OrderedDict


def main(path):
    warnings.simplefilter("ignore")
    from flytekit.configuration import Image, ImageConfig, SerializationSettings
    from flytekit.core.workflow import WorkflowBase
    from flytekit.models.task import TaskSpec
    from flytekit.tools.translator import get_serializable
    from google.protobuf.json_format import MessageToDict

    path = os.path.abspath(path)
    name = os.path.splitext(os.path.basename(path))[0]
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    image = Image(name="default", fqn="flyte/default", tag="v1")
    settings = SerializationSettings(project="p", domain="d", version="v1", image_config=ImageConfig(default_image=image, images=[image]))
    out = {"workflows": {}, "tasks": {}}
    for attr, value in vars(module).items():
        if not isinstance(value, WorkflowBase):
            continue
        entities = OrderedDict()
        wf_spec = get_serializable(entities, settings, value)
        out["workflows"][attr] = MessageToDict(wf_spec.to_flyte_idl())
        for entity, serialized in entities.items():
            if isinstance(serialized, TaskSpec):
                idl = MessageToDict(serialized.template.to_flyte_idl())
                out["tasks"][serialized.template.id.name] = idl
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
