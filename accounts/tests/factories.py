import factory
from django.utils import timezone

from accounts.models import Address, Company, Role, User

TEST_PASSWORD = "correct-horse-battery-9"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    legal_name = factory.Sequence(lambda n: f"Distillerie {n} SAS")
    vat_number = factory.Sequence(lambda n: f"DE{100000000 + n}")
    country = "DE"
    street = "Weinstrasse 1"
    city = "Mainz"
    zip_code = "55116"
    verification_status = Company.Verification.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"buyer{n}@example.com")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    role = Role.B2C
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class B2BUserFactory(UserFactory):
    role = Role.B2B
    company = factory.SubFactory(CompanyFactory)


class AdminUserFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    recipient_name = factory.LazyAttribute(lambda a: f"{a.user.first_name} {a.user.last_name}")
    street = "12 rue des Chais"
    city = "Bordeaux"
    zip_code = "33000"
    country = "FR"
    phone = "+33 5 56 00 00 00"
