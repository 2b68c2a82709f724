import pytest

from commerce.shipping import error_codes
from commerce.shipping.postcodes import is_valid_postcode
from commerce.shipping.services import destination_check
from vwb_site.exceptions import ApplicationError

GOOD = [
    ("FR", "33000"),
    ("FR", "75008"),
    ("DE", "10115"),
    ("GB", "SW1A 1AA"),
    ("GB", "m1 1ae"),
    ("GB", "EC1A1BB"),
    ("US", "94105"),
    ("US", "94105-1234"),
    ("NL", "1012 AB"),
    ("NL", "1012ab"),
    ("ES", "28001"),
    ("ES", "52001"),
    ("IT", "00184"),
    ("CH", "8001"),
    ("CA", "K1A 0B1"),
    ("CA", "h2x1y4"),
    ("AU", "2000"),
    ("BE", "1000"),
    ("PT", "1100-148"),
    ("BR", "01310-100"),
]
BAD = [
    ("FR", "3300"),
    ("FR", "330000"),
    ("FR", "ABCDE"),
    ("DE", "1011"),
    ("GB", "12345"),
    ("GB", "SW1A"),
    ("US", "9410"),
    ("US", "94105-12"),
    ("NL", "0123 AB"),
    ("NL", "1012"),
    ("ES", "53001"),
    ("ES", "00123"),
    ("IT", "0018"),
    ("CH", "80011"),
    ("CA", "D1A 0B1"),
    ("CA", "12345"),
    ("AU", "200"),
    ("BR", "<script>"),
]


@pytest.mark.parametrize(("country", "postcode"), GOOD)
def test_well_formed_postcodes_pass(country, postcode):
    assert is_valid_postcode(country, postcode)


@pytest.mark.parametrize(("country", "postcode"), BAD)
def test_malformed_postcodes_fail(country, postcode):
    assert not is_valid_postcode(country, postcode)


@pytest.mark.django_db
def test_destination_check_refuses_a_malformed_postcode_with_a_clear_code():
    with pytest.raises(ApplicationError) as caught:
        destination_check(country="DE", postcode="1234")
    assert caught.value.code == error_codes.INVALID_POSTCODE
    assert caught.value.status_code == 400
    assert "10115" in caught.value.message  # shows an example


@pytest.mark.django_db
def test_destination_check_accepts_a_country_alone():
    destination_check(country="FR")
    destination_check(country="FR", postcode="   ")
