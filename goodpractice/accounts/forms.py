from django import forms

from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = "The code is not correct. Enter the 6-digit code your authenticator app shows now"
THROTTLED = "Too many wrong codes. Wait a minute, then enter the code your app shows then"


class CodeForm(forms.Form):
    """One code, checked against the person's devices (django-otp slows down guessing: after
    each wrong code a device refuses codes for twice as long as after the one before)."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": True}
        ),
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, devices, wrong_code=WRONG_CODE, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.wrong_code = wrong_code
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        # Six digits are the app's, anything else a recovery code: only the device the code is
        # for counts it as a wrong guess.
        is_app_code = code.isdigit() and len(code) == 6
        throttled = False
        for device in self.devices:
            if isinstance(device, TOTPDevice) != is_app_code:
                continue
            if not device.verify_is_allowed()[0]:
                throttled = True
            elif device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(THROTTLED if throttled else self.wrong_code)
