import factory

from accounts.tests.factories import UserFactory
from reporting.permissions import managers_group


class ManagerUserFactory(UserFactory):
    """A member of the Managers group (made by a data migration): reads reports, nothing else."""

    email = factory.Sequence(lambda n: f"manager{n}@vintagewithoutborders.example")
    first_name = "Margaux"

    @factory.post_generation
    def managers_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(managers_group())
