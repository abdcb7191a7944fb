#!/usr/bin/env python3
"""Build assets/secrets/weak-secrets.txt, the well-known HMAC secret list.

The list feeds the one-click "well-known secret" check: an HS256/384/512
token is verified against every entry, in order, inside the browser.

Usage:

    python3 assets/secrets/build.py ZXCVBN_SOURCE [--jwt-list FILE ...]
        [--passwords N] [--out PATH]

Arguments:

    ZXCVBN_SOURCE   The zxcvbn 4.4.2 npm tarball (zxcvbn-4.4.2.tgz, from
                    `npm pack zxcvbn@4.4.2`) or its extracted
                    `package/lib/frequency_lists.js`. Its "passwords" list
                    (30,000 passwords ordered by frequency) gives section 3.
    --jwt-list FILE Optional, repeatable: an extra JWT secret wordlist, one
                    entry per line (for example the full
                    Passwords/scraped-JWT-secrets.txt from SecLists). Its
                    entries are appended to section 2 after the inline
                    excerpt, through the same random-looking filter.
    --passwords N   How many zxcvbn passwords to take, in frequency order,
                    before de-duplication (default 15000).
    --out PATH      Output file (default: weak-secrets.txt next to this
                    script).

The output is ordered by how likely an entry is as a JWT secret:

    1. Curated JWT/framework defaults and tutorial secrets (inline below),
       followed by generated spelling variants of the usual names
       (secret_key, SecretKey, SECRET_KEY, secretkey123, ...) and the
       base64 forms of a few defaults for code that base64-decodes its key.
    2. Secrets seen in public code: a readable excerpt of SecLists'
       Passwords/scraped-JWT-secrets.txt (inline below), plus any
       --jwt-list files.
    3. Common passwords by frequency (zxcvbn).

Every entry is kept once (first occurrence wins), is valid UTF-8, is at most
200 bytes, has no control character (so no newline or NUL) and no leading or
trailing whitespace. Sections 2 and 3 also drop entries that look random
(UUIDs, long hex or base64-like strings, JWTs, PEM/DER key material): such a
value is only "known" because it leaked, and the list must not carry one.

Standard library only. Prints the per-section counts on stderr.
"""

import argparse
import base64
import io
import math
import os
import re
import sys
import tarfile
import unicodedata

MAX_BYTES = 200

# ---------------------------------------------------------------------------
# Section 1: curated defaults, most likely first.
# One entry per line; every character on a line is part of the entry.
# ---------------------------------------------------------------------------

CURATED = [
    # The debugger's own list (src/core/weak_secrets.rs) and the jwt.io
    # defaults, then the spellings seen most often.
    r"""secret
your-256-bit-secret
your-384-bit-secret
your-512-bit-secret
a-string-secret-at-least-256-bits-long
secretkey
secret-key
secret_key
SECRET_KEY
mysecret
my-secret
my_secret
mysecretkey
my-secret-key
my_secret_key
supersecret
super-secret
super_secret
super-secret-key
topsecret
secret123
s3cr3t
shhhhh
shhhhhared-secret
password
password123
passw0rd
changeme
changeit
default
test
testing
key
jwt
jwtsecret
jwt-secret
jwt_secret
JWT_SECRET
jwt-secret-key
your-secret
your_secret
your-secret-key
your_jwt_secret
hello
admin
123456
1234567890
qwerty
abc123
token
private
gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow
this-is-the-sample-secret-for-hs256
Secret
SECRET
SecretKey
secretKey
Secret_Key
jwtSecret
JwtSecret
JWTSecret
JWT_SECRET_KEY
jwt_secret_key
jwtSecretKey
jwtsecretkey
JWT
Key
KEY
change_me
change-me
CHANGEME
CHANGE_ME
changeMe
ChangeMe
shhhhhhared-secret
keyboard cat
SuperSecret
superSecret
SUPER_SECRET
supersecretkey
super_secret_key
superSecretKey
SuperSecretKey
my_super_secret_key
mySecret
MySecret
MY_SECRET
mySecretKey
MySecretKey
MY_SECRET_KEY
your-jwt-secret
your_secret_key
YOUR_SECRET_KEY
yoursecret
YourSecret
ThisIsMySecretKey
thisismysecretkey
top-secret
top_secret
TopSecret
S3cr3t
S3CR3T
s3cr3t!
$ecret
secr3t
s3cret
5ecret
secret!
secret1
Secret123
secret1234
secret12345
Password
Password1
Password123
P@ssw0rd
gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr9C""",
    # Documented defaults of libraries, frameworks and products.
    r"""super-secret-jwt-token-with-at-least-32-characters-long
your-super-secret-jwt-token-with-at-least-32-characters-long
3EK6FD+o0+c7tzBNVfjpMkNDi2yARAAKzQlk8O2IKoxQu4nF7EdAh8s3TwpHwrdWT6R
myadminsecretkey
reallyreallyreallyreallyverysafe
255d861b-5ea1-5996-9aa3-922530ec40b1
6116487b-cda1-52c2-b5b5-c8022c45e263
DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.
09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7
AllYourBase
NeverShareYourSecret
shared-secret
example_key
my$ecretK3y
GQDstcKsx0NHjPOuXOYg5MbeJ1XT0uFiwDVvVBrk
pleaseChangeThisSecretForANewOne
my-secret-token-to-change-in-production
my-secret-key-which-should-be-changed-in-production-and-be-base64-encoded
ThisTokenIsNotSoSecretChangeIt
DYhG93b0qyJfIxfs2guVoUubWwvniR2G0FgaC9mi
SomeRandomString
SW2YcwTIb9zpOOhoPsMm
temporary_key
-- DEV COOKIE SECRET; CHANGE ME --
PLEASE-CHANGE-ME-I-AM-VERY-INSECURE
youReallyNeedToChangeThis
password-should-be-32-characters
e71829c351aa4242c2719cbfbe671c09
fantasticjwt
THIS IS USED TO SIGN AND VERIFY JWT TOKENS, REPLACE IT WITH YOUR OWN SECRET, IT CAN BE ANY STRING
Secret key. You can use `mix guardian.gen.secret` to get one
dev
super secret key
secret key
some secret hurr
im a newer secret
i like turtle
key1
key2
my-secret
123
Your Session Secret goes here
minioadmin
guest""",
    # Secrets from widely copied tutorials, courses and training apps.
    r"""my-ultra-secure-and-ultra-long-secret
mysecrettoken
net ninja secret
somesupersecretsecret
supersecret_dont_share
thisismynewcourse
thisisasecret
jwtsecret123
appsecret321
GraphQL-is-aw3some
ilovescotchyscotch
thisshouldbeabettersecret!
notagoodsecret
javainuse
bezKoderSecretKey
bezkoder-secret-key
jwtGrokonezSecretKey
devglan-secret
techgeeknext
this is my custom Secret key for authentication
mysupersecret_secretkey!123
ngEurope rocks!
secret1
victory
business
available
shipping
washington
qwertyuiopasdfghjklzxcvbnm123456""",
    # Placeholders, unset configuration and values that end up as the key
    # by mistake (an unset variable interpolated into a string, ...).
    r"""undefined
null
None
nil
NaN
[object Object]
process.env.JWT_SECRET
process.env.SECRET
process.env.SECRET_KEY
process.env.TOKEN_SECRET
process.env.ACCESS_TOKEN_SECRET
process.env.REFRESH_TOKEN_SECRET
${JWT_SECRET}
$JWT_SECRET
%JWT_SECRET%
{{JWT_SECRET}}
<JWT_SECRET>
<secret>
<your-secret>
<your_secret>
YOUR_SECRET
YOUR_JWT_SECRET
YOUR_SECRET_HERE
your_secret_here
your-secret-here
your-secret-key-here
your_secret_key_here
your-jwt-secret-here
your_jwt_secret_here
SECRET_KEY_BASE
APP_KEY
APP_SECRET
TOKEN_SECRET
ACCESS_TOKEN_SECRET
REFRESH_TOKEN_SECRET
AUTH_SECRET
NEXTAUTH_SECRET
SESSION_SECRET
COOKIE_SECRET
JWT_KEY
JWT_PRIVATE_KEY
PRIVATE_KEY
SIGNING_KEY
HS256
d41d8cd98f00b204e9800998ecf8427e
insecure
not-secure
notsecure
unsafe
dev-secret
devsecret
development
production
prod
staging
local
localhost
demo
example
sample
dummy
placeholder
todo
TODO
fixme
FIXME
xxx
XXX
xxxxxx
foo
bar
foobar
baz
hello world
helloworld
Hello World
HelloWorld
lorem ipsum
asdf
asdfasdf
asdfgh
qwerty123
1234
12345
12345678
123456789
0000
000000
111111
a
aaa
abc
pass
pass123
letmein
welcome
root
toor
administrator
user
secretpassword
mysecretpassword
mysupersecretpassword
secret-password
secret_password
notasecret
not-a-secret
not_a_secret
nosecret
no-secret
nopassword
empty
blank
none
changethis
change-this
change_this
changethissecret
change-this-secret
please-change-me
pleasechangeme
replace-me
replaceme
REPLACE_ME
set-me
setme
TBD
tbd
xyz
abcdef
abcdefg
abcdefgh
abcd1234
qwertyuiop
iloveyou
letmein123
welcome1
admin123
Admin123
root123
test123
Test123
test1234
testsecret
test-secret
test_secret
testkey
test-key
devkey
dev-key
dev_key
localsecret
local-secret
jwtkey
jwt-key
jwt_key
jwtKey
JwtKey
JWTKey
jwttoken
jwt-token
jwt_token
jwtToken
tokensecret
token-secret
token_secret
tokenSecret
TokenSecret
TOKEN_SECRET_KEY
accesstokensecret
access-token-secret
access_token_secret
accessTokenSecret
refreshtokensecret
refresh-token-secret
refresh_token_secret
refreshTokenSecret
secretOrKey
secretOrPrivateKey
privatekey
private-key
private_key
privateKey
PrivateKey
publickey
public
sharedsecret
shared_secret
sharedSecret
hmacsecret
hmac-secret
hmac_secret
hmackey
hmac-key
hmac_key
signingkey
signing-key
signing_key
signingKey
SigningKey
signingsecret
signing-secret
signing_secret
appsecret
app-secret
app_secret
appSecret
AppSecret
apisecret
api-secret
api_secret
apiSecret
apikey
api-key
api_key
apiKey
authsecret
auth-secret
auth_secret
authSecret
sessionsecret
session-secret
session_secret
sessionSecret
cookiesecret
cookie-secret
cookie_secret
cookieSecret
clientsecret
client-secret
client_secret
clientSecret
s3cr3tk3y
S3cr3tK3y
s3cr3t_k3y
s3cr3t-k3y
secr3tkey
S3cretKey
$ecretKey
secretkey123
secret_key_123
secret-key-123
mysecret123
mysecretkey123
supersecret123
supersecretkey123
jwtsecret123!
jwt_secret_123
jwt-secret-123
secret@123
Secret@123
secret#123
secret!123
12345secret
123secret
secretsecret
secretsecretsecret
verysecret
verysecretkey
very-secret
very_secret
verySecret
VerySecret
topsecretkey
top-secret-key
top_secret_key
TopSecretKey
TOPSECRET
TOP_SECRET
mykey
my-key
my_key
myKey
MyKey
thekey
the-key
thesecret
the-secret
the_secret
TheSecret
thisisasecretkey
this-is-a-secret
this_is_a_secret
ThisIsASecret
thisismysecret
this-is-my-secret
this_is_my_secret
ThisIsMySecret
thisisthesecret
this-is-the-secret
thisissecret
this-is-secret
this_is_secret
secretphrase
secret-phrase
secret_phrase
passphrase
secretpass
secretpassphrase
mypassword
my-password
my_password
MyPassword""",
]

# Their standard base64 encodings are added too: code that base64-decodes a
# configured key (JHipster, Spring, NGINX JWKs) is often given one of these.
BASE64_OF = [
    "secret",
    "secretkey",
    "secret-key",
    "secret_key",
    "mysecret",
    "mysecretkey",
    "supersecret",
    "jwtsecret",
    "jwt_secret",
    "changeme",
    "password",
    "your-256-bit-secret",
    "fantasticjwt",
    "my-secret-key-which-should-be-changed-in-production-and-be-base64-encoded",
    "my-secret-token-to-change-in-production",
]

# Names that are turned into spelling variants: concatenated, kebab, snake,
# upper snake, upper concatenated, camel, Pascal and spaced, then a few
# suffixes on the most common of those spellings.
VARIANT_BASES = [
    "secret key", "jwt secret", "jwt key", "jwt secret key", "my secret",
    "my secret key", "my jwt secret", "super secret", "super secret key",
    "top secret", "your secret", "your secret key", "your jwt secret",
    "token secret", "secret token", "access token secret",
    "refresh token secret", "access secret", "refresh secret",
    "auth secret", "auth key", "app secret", "app key", "api secret",
    "api key", "session secret", "signing key", "signing secret",
    "private key", "shared secret", "hmac secret", "hmac key",
    "test secret", "dev secret", "default secret", "change me",
    "change this", "very secret", "my jwt key", "jwt signing key",
    "jwt token secret", "client secret", "secret jwt", "secret password",
    "not a secret", "json web token secret", "jwt private key",
    "secret key base", "encryption key", "token key", "secret",
]
SUFFIXES = ["123", "1", "!", "2024", "2025"]


def variants(base):
    words = base.split()
    out = []
    lower = "".join(words)
    camel = words[0] + "".join(w.capitalize() for w in words[1:])
    pascal = "".join(w.capitalize() for w in words)
    snake = "_".join(words)
    for spelling in (
        lower,
        "-".join(words),
        snake,
        snake.upper(),
        lower.upper(),
        camel,
        pascal,
        " ".join(words),
    ):
        out.append(spelling)
    for suffix in SUFFIXES:
        for spelling in (lower, camel, pascal, snake):
            out.append(spelling + suffix)
    return out


# ---------------------------------------------------------------------------
# Section 2: readable entries of SecLists' Passwords/scraped-JWT-secrets.txt
# (https://github.com/danielmiessler/SecLists, MIT; commit
# 026e65ccc5e2c4b78d526ae741497d072f81b716), in file order. Only the JWT part
# of that file (its first ~125,000 characters) was used, and only entries a
# person evidently chose: UUIDs, digests, random-looking tokens, key material
# and JWTs were left out.
# ---------------------------------------------------------------------------

SECLISTS_JWT_EXCERPT = r"""!meal$ecret!
!payment$ecret!
!secReT$123*
thisisthesecretkey
myJwtSecret
your-256-bit-secret
tobemodified
mysecretstring
reallyreallyreallyreallyverysafe
supersecret
NxpmDotDevJwtSecret
3123123213123
ofcourseistillloveyou
<random_string_at_least_32_characters_long>
secret
secretkey
token
<Your-Token>
changeme
foo
some-secret-password
test value
password
jwt-secret
jwtsecret
JWTs are the best!
This secret is stored base-64 encoded on the proxy hos
secret1
secret2
aSecret
testing
test123-test123-test123-test123-test123-test123-test123
%kernel.secret%
%some_secrets%
***your-256-bit-secret***
*s3cr3t#
CHANGE_THIS_TO_SOMETHING_RANDOM
*your jasonwebtoken secret*
0000000
000000000000
01234567890abcde01234567890abcde01234567890abcde01234567890abcde
123
123123
1234
12345
123454
123455432135
123456
1234567
12345678
123456789
1234567890
1234567890123456
12345678901234567890123456789000
123456789012345678901234567890123
1234567890123465
1234567890987654
1234567890987654321
1234567890a
123456abcd
1234678901234567890
1234abc
123Abc123
123NotAParticularyGreatSecret!!!
123qwe
123secret456!
1337h4x
1qaz2wsx
1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p
2
233
345
3nC0d3D$3cR3t
42isTheAnswer
456123
4YOURSECRETKEY
53cr37K3y
7777777777777777777777777777777777777777777777777777777777777777
987654
987654321
9999999999999999
:)
< client secret >
<%= (Math.random()*1e256).toString(36) %>
<<client_secret>>
<MY SECRET KEY>
<SOME-REALLY-COOL-LONG-TEXT-WHICH-HELPS-SCREW-THOSE-HACKERS>
<VERYLONGSECURESECRET---CHANGE-ME--->
<YOUR_JWT_SECRET>
<Your Stripe secret key>
<client secret>
<insert shared secret here>
<project-jwt-secret>
<random secret string>
<the password you made>
@@@@@THIS_IS_THE_SECRET_KEY@@@@@$$$$$$$$$$$$%%%%%%%%%%%%%%%%@@@@@@@@@@@@@
@everone:KeepitSecret!
A secret API example
A secret...
A super secret password
A very long secret
A very secret key
ABCDEF$123
ABCDEFGHIJKLM
AUTH0_CLIENT_SECRET
AbCdEfGhIjKlMnOpQrStUvWxYz==
Any String used to sign and verify JWT Tokens,  Replace this string with your own Secret
App
BANANA
BIG_SECRET
BIIIIIIG_SECRET
Bearer token signing secret
BigBigBigSecret
BookWorm
CHANGEME
CHANGE_ME
CHANGE_THIS_SECRET
CI_JWT_SECRET
CLIENT_SECRET
Change THIS or DIE!!!
ChooseTheSecretWisely
DEV-JWTSecret
DEVELOPMENT#SECRET&KEY
DEVELOPMENT_ONLY_JWT_SECRET
DEVKEY
DON'TTELLANYONE
DefaultSecret
DefaultSecretForThisApp
DefaultSecretIsNotAGoodSecret
DefauttSecret
Dev Secret
DevSecret
Development
Done
ENTER YOUR TOKEN
ENTER_YOUR_JWT_SECRET_HERE
EXIT
El-perro-de-Jota-se-llamaba-Hugo
EscribeCualquierPalabra
Esta_Es-Una-Palabr@-SECRETA--123
Everyb0dyKnow$My$ecret
EverythingIsAwesome!
Example&xecret#@
F1reh0und-S3cr3t
FORUMTESTKEY
Fly you fools
GameOfThrones
Gibberish, jibberish, jibber-jabber and gobbledygook
HEART
HEART_SECRET_STRING
HELLO SECRET
HERE-INPUT-YOUR-SECRET-KEY
HackForGood
Harry
Hashed123$
Hello
Hello123
HelloSecretJWT
I Am a Brain! - Krang
I Hate the Turtles! - Krang
I LOVE CATS MORE THAN PUPPIES
I'm Error
I'm so lonely
I-love-pancakes-with-chocolate-and-banans
IAMSUPERPOWERS
ICANDOIT
IMSUCHAGOODSECRET
I_AM_A_SECRET_KEY
I_LOVE_ICE_CREAM
IamAngularSuperhero
Ill never tell
Itsasecret
JSON-WEB-TOKEN
JWT
JWT Rocks!
JWT SECRET
JWT Secret
JWTSECRET
JWTSecretHere
JWTSecretKey
JWTSecretKeyDontUseInProduction!
JWTSuperSecretKey
JWT_SECRET
JWT_SECRET!
JWT_SECRET_VALUE
JsonWebToken Secret
Just a bunch of top secret stuff here
JwtSecret
Keep it safe
KeyOauthJwt
KimJongUn
Krang
La vaca roja en el prado verde
Login
LongAndHardToGuessValueWithSpecialCharacters@^($%*$%
LongDefaultSecretKeyForEncryption
MERNSECRET
MERN_SECRET
MICODIGOSECRETO
MINHA_SENHA_SECRETA
MI_CODIGO_SECRETO
MY super secure server side secret
MYSECRET
MYSECRETTOCHANG3
MY_JWT_SECRET
MY_SECRET
MY_SECRET_KEY
MiClaveSecreta123*
My Secret
My secret passphrase here
My-ultRa-Secure-ulTra-long-SeCreT-of-nodeJs
MyBestSecret
MyJWTSeCrEtStRinG
MyJwtSecret
MyS3cr3tK3Y
MySecret
MySuP3R_z3kr3t
MySuperSecret
MySuperSecretString
MyUltraSecurePassWordIWontForgetToChange
N/A
NEEDSTOBEGENERATED
NEED_A_SECRET_KEY
NEED_HERE_A_SECRET_KEY
NICE_TRY_WANNABE_HACKER_THIS_PASSWORD_HAS_TO_BE_LONGER
NOT_DEVELOPMENT_ONLY_JWT_SECRET
No-secret
NoOneKnows
NodejsApiAuthentication
OLDSCHOOLSECRET
POWERFULENCRYPTIONKEY
PUT_HERE_YOUR_SUPER_SECRET_JWT_CODE
PackPack
Peaches and Applesauce
QWERTY%$#@!12345
QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghjklzxcvbnm123456789
RANDOM_KEYGEN
RANDOM_STRING
REMEMBERTOCHANGETHIS
REPLACE THIS WITH YOUR JWT SECRET
REPLACE WITH YOU DUO SECRET KEY
REPLACE_WITH_SECRET_KEY
RPORT_JWT_SECRET
RandomSecretKey
RandomSecretSharedWithTheAuthService
RandomString
Random_Secret
React Dashboard
React Starter Kit
S3CR37!
S3CR3T TH1NG
S3CR3TK3Y
SALT
SAMPLE
SAMPLESECRET
SECRET
SECRET JWT TOKEN
SECRET#123
SECRET#12345!
SECRET123456
SECRETJWT
SECRETKEY
SECRETO
SECRETO_PARA_ENCRIPTACION
SECRETPASSFORJWTS
SECRET_JWT
SECRET_KEY
SECRET_KEY_FOR_CREATE_JSON_WEB_TOKEN
SECRET_KEY_HERE
SECRET_TOKEN
SENHA PRA ENCRIPTAR
SET_ME
SHOULD_HAVE_PUT_IN_ENV_LOL
SICRET
SOME SUPER SECRET PASSPHRASE HERE THAT YOU JUST MADE UP
SOMESECRET
SOMETHING
SOME_AWSOME_JWT_SECRET
SOME_JWT_SECRET
SOME_SECRET
SOME_SECRET_KEY
SOME_SECRET_STRING
SSSSSSSHHHHHHHHHHHSECRET
STRINGOF64CHARACTERSHERE
STRING_DE_CLAVE_JWT
SUPERSECRET
SUPERTAJNEHESLO
SUPER_SECRET
SUPER_SECRET_JWT-KEY
SUPER_SECURE_SECRET
Satoshi Nakamoto
SeCreTKeY
Secret
Secret goes here
Secret string
Secret word
Secret à changer
Secret1213
Secret123!456$
Secret1234
Secret@$1234
SecretJWT
SecretJwtKey
SecretKeyToGenJWTs
SecretKeyToGenerateJWTs
SecretPassword
SecretSuperSecure
SecretToDecryptJWT
SecretWord
SecretjwtKey
Secrets
SetStrongSecretInDotEnv
Slap that token down
SomeReallySecretKey
SomeSecret
SomeSecureHash
Somejsonwebtokensecret
SomethingToSignJWTsWith
StRoNGs3crE7
Su-Per//Sec!!ret/Key-now-available-in-GitHub
Super Secret
SuperSecret
SuperSecret29
SuperTest
TEMP_JSON_WEB_TOKEN_SECRET
TEST
TEST_SECRET
TEST_SECRET2
THE_SECRET
THIS IS SUPER SECRET, DO NOT SHARE!
THIS IS USED TO SIGN AND VERIFY JWT TOKENS, REPLACE  IT WITH YOUR OWN SECRET, IT CAN BE ANY STRING
THIS IS USED TO SIGN AND VERIFY JWT TOKENS, REPLACE IT WITH YOUR OWN SECRET, IT CAN BE ANY STRING
THISISACLASSIFIEDKEYYOUCANNOTACCESSTHIS
THISISTHESECRETKEYFORJWT
THIS_IS_NOT_SECURE!#$%
THIS_SHOULD_NEVER_BE_THE_KEY_IN_PRODUCTION
THisIsMySceretKey!
TOP SECRET!!!
TOP_SECRET
TagYou'reIt
Talk is cheap, show me the code
The JSON Web Token Secret still needs to be configured...
The great white silver fox
The secret for my store is this right here
TheAmazingKreskin
TheMostSecretKey
TheSecretYouShouldChange
This hardcoded value isnt very secure and secret
This is a secret
This is a secret to change later to a file
This is our secret!
This is secret
This is the secret hush hush!
ThisIsARandomString
ThisIsASecret
ThisIsJustAnExampleItShouldBeLongAndRandom
ThisTokenIsNotSoSecretChangeIt
This_Should_be_32_characters_long
This_is_the_secret_key_that_iam_using_for_JSON_WEB_TOKEN
ThisismySecretKey
TokenMegaUltraSecretoQueNadieDebeSaberNuncaJamas
ULTIMATE_SECRET_JWT
UNTOKEN
Unsecure secret
VERYSECRET
VERYSECRETKEY
VERYSECURE
VerySecr3t!
Victoria's Secret!
XXX
XXXX
XXXXXX
YOUCANDOIT
YOUR JWT_SECRET
YOUR KEY HERE
YOURJWTSECRETCHANGEIT
YOURSECRET
YOURSIGNINGKEYGOESHERE
YOUR_JWT
YOUR_JWT_SECRET
YOUR_JWT_SECRET_GOES_HERE
YOUR_JWT_SECRET_HERE
YOUR_JWT_TOKEN_SALT_STRING
YOUR_OWN
YOUR_SECRET
YOUR_SECRET_HERE
YOUR_SECRET_KEY
YOUR_SECRET_KEY_FOR_JWT
YOUR_SECRET_STRING
YOUR_secret_key
You Shall Not Pass
You can not know the secret
You guys rock!
Your GitHub client secret
Your Secret
Your jwt secret here
YourAnySecretString
YourJWTSecretHere
YourJwtSecretHere
YourSecret
Your_secret_key
[EDIT_ME]
[SECRET GOES HERE]
[SECRET_HERE]
[secret for the JWT]
[thisisanawefulsecret]
_Your_super_secret
___SECRETO_RANDOM___
a
a fun secret
a random string (i use a uuid)
a random, long, sequence of characters that only the server knows
a secret
a secret for local JWT testing
a secret phrase!!
a-fake-secret-for-development-temp-use
a-secret
aGVsbG93b3JsZA==
aSecretKey
aVerySecretKey
a_jwt_secret
a_long_secret
aa
aaaa
aaaaaaaaaaaaaaaa
aaaabbbbccc123
abc
abc123
abc123$
abc123abc1234
abc234
abcd
abcd1234
abcde
abcdefgh12345
abcdefghij
abcdefghijklmnopqrstuvwxyz
abcdefghijklmnopqrstuvwxyz1234567890
abeartoken
abracadabra
accessSecret
acmesecret
activityAuthentication
add a .env file to root of project with the JWT_SECRET variable.
addjsonwebtokensecretherelikeQuiscustodietipsoscustodes
admin-api-apikey-secret
adsadsadasd
adsfasdfsadfadsfasdfsadf-secret
alphacamp
amazonian
angular2-secret
anonymous_chicken
anyRandomSecretKeyWhichWillBeUsedToEncodeTheTokenValue
any_random_secret_key_for_token_generation&
anysecret
anystring
anytoken
apikey-client-secret
apisecret
apiserversecret
applicationsecret
arcobaleno
asd
asdasdasdasdad
asdf
asdf123
asdfasaf
asdfasdf
asecret
asecrettoeveryone
asfdasdf
asupersecretkey
auth-secret-key
auth-test-secret
authDemo
authentication
authentication-secret-key-lies-here
available
averylongpassword
aze123
b4n4n4
bacon25
bad secret
bad-wolf
badbreathbuffalo
balthazar-lord-of-the-undead
base64-encoded-signing-key-here
be bootcamp my friend
beatsmusic
bezKoderSecretKey
bezkoder-secret-key
big_apple_in_a_small_tent
bigfish
biking_secret_jwt
blablabliblabloblablu
blahblah
blueberry
body
bogus_secret
bonobo
btnode_secret
budgetsecret
business
c2VjcmV0
cachopo
calendarSecretKey
can be anything
canbeanything
cat123
cats and dogs
change me
change this secret
change-secret
change-this-secret
changeMe
changeThisInToLongSecret
change_me!!!!
change_this_example_secret
change_this_super_secret_random_string
changeit
changethis
changethisinproduction
changethisordie
changethisoryourplantwillfreeze
chat21SecretKey
chris
cisecret4
claveutrasecreta
client-secret
clientSecret
client_secret_jwt
codebase
codeial
codial
come-up-with-a-super-secret-token-here
contoh
cookie
core
cranes
crud-secret-key
crypt_key123
custom secret
d3vS3cr37
d41d8cd98f00b204e9800998ecf8427e
dEvMoDe!1
default
default#shared$key
defaultSecret
defaultSecretKey
defaultSecretKeyPrivate
defaultjwtsecret
dev mode
dev waffles
dev-jwt-secret
dev-key
dev-secret
dev-secret-key
devJWTSecret
devJwtSecret
dev_jwt_secret_key
develop-key
develop@123
development
development12345
development_secret
devglan-secret
devias-top-secret-key
devicehive
devsecret
digitalSecretKey
don't tell a soul
don'tPanic
dontuser
doyouseriouslythinklol
dumbledor
dummy
dummy-secretKey-key
dummysecret
ejemplo
el secreto es secreto, shhhh
encodethejwt
enter-a-secret
enter_your_secret_here
everybody knows it
example
example-secret
example-secret-key
example_key
examplesecret
express-typescript-starter-token
facefood
fake_jwt_secret
finalProject
foobar
foobar123
foobar2
foobarbaz
foodora-super-secret
foooo
footoken
forbiddenfruit
framework
frasesecreta
friends_secret
generate_strong_secret_here
generated-token
generatetoken
getanewone
glabfesecret
go-admin
gocoronago
golfer
good secret
good_luck
goodtogo
google-client-secret
google_client_secret
greenbay
grumpycat
gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr9C
hahaha
handsomeUnicorn
hard jwt secret
hard!to-guess_secret
hardsecret
harryPotter
healthy-diet
heeeeloooo
hello
hello world !
hello123
helloo
hellotheresecret
hellothisissecret
helloworld
helloworld!
hex game secret private key
hiddentkeyyyyyyyy
hydra
hydrogen_honey
i hate hakers
i love cupcakes
i-am-very-secret-key
iDontHaveAnySecrets
i_am_password
i_am_secret
idontknow
im so lonely
ima_important_secret
in the hall of the mountain king
includeiostream
inline123
insecure
insecure_default_secret
insert_your_random_key_here
iron_man
is it secret, is it safe?
it can't rain all the time
its a secret
its a totally secret thing
its-a-secret
itsasecret
izanamiSecret
javainuse
javamaster
je suis un secret
jesuisunsecret
json-web-token-secret
json_web_token_secret
json_web_token_secret_key
jsonwebtokensecret
jwt
jwt key
jwt secret
jwt secret key
jwt-conduit-secret
jwt-dev-secret
jwt-secret
jwt-secret-SOMETHING
jwt-secret-here
jwt-secret-string
jwt-secret-value
jwt-token-secret-key-for-encryption
jwt12345
jwtClave
jwtGrokonezSecretKey
jwtKey
jwtPrivateKey
jwtS3cr3t
jwtSecret
jwtSecret-Placeholder
jwtSecret123
jwt_hash_secret
jwt_sec
jwt_secret
jwt_secret_1234_abcd
jwt_secret_password
jwt_test
jwt_token
jwtqualquersecret
jwtsecret
jwtsecret1234jwtsecret1234jwtsecret1234jwtsecret1234
jwtsecretkey
keep it secret
keep it secret keep it safe
keep it secret, keep it safe
keep it secret, keep it safe!
keeyyyyyy
key_qa
keyboard cat
keyboard_cat
keyboardcat
keysecret
kokos
lalalala
lesecret
localhost
lol
lolmao12345
lolo
longer-secret-is-better
longsecret
longstring!!!!!!
lorem ipsum key
make-that-shmoney
makeasecret
marine
master_sword
meme
meow
mernBB-default-secret
miCodigoSecreto
miSecretJwtToken
miclavedetokens
misecreto
mitokensecreto
mockSecret
mocksecretjwt
modeDeveloppement
most_secret_key
mude isso em produção
my Secret key!
my secret
my secret string
my top secret key
my$ecretK3y
my-256-bit-secret
my-32-character-ultra-secure-and-ultra-long-secret
my-dummy-jwt-token
my-dummy-token
my-example-secret-jwt-token
my-jwt-secret
my-own-special-jwt-secret
my-own-very-deadly-secret
my-secret
my-secret-from-env-file-in-prod
my-secret-jwt-key-placeholder
my-secret-key
my-secret-key-for-jsonwebtoken
my-secret-key-which-should-be-changed-in-production-and-be-base64-encoded
my-secret-token
my-super-secret
my-super-ultra-long-secure-password
my-ultra-secret-and-ultra-long-code
my-ultra-secure-and-miximise-long-secretly
my-ultra-secure-and-ultra-long-secret
my-ultra-super-secure-and-super-long-secret
my-very-best-jsonwebtoken-unique-key
my-very-unique-secure-secret-long-long
my-very-very-very-long-secret
my0ultra0secure0and0ultra0long0secret
myApiKeyClientSecret
myJWTsecretKeepThisSafe
myJwtSecret
mySecret
mySecretKey
mySecretStr
mySecretToken
mySecretjwt
mySuperSecureSecret
my_precious
my_secret
my_secret-key
my_secret_jwt
my_secret_key
my_secret_key_12345
my_special_secret
my_super_secret_key
my_super_secret_password
myadminsecretkey
myjwt
myjwtscrete
myjwtsecret
myjwttokensecret
mylittlesecret
mynameisjeff
mysecreEtKeY@123
mysecret
mysecretisnothere
mysecretisnotheretoo
mysecretkey
mysecretpassword
mysecretsshhh
mysecrettoken
mysupers3cr3tsharedkey!
mysupersecret
mysupersecret_secretkey!123
mysupersecretpassword
mysupersecretpasswordencryptingthetoken
myverysecretword
myverysecuresecret
nanana
need_a_better_secret
nest-generic
neverstoplearning
ngEurope rocks!
niceSecret
no-secret
noclue
node-core-app
node-start
noonewilleverguess
nosecret
nososecret
not-so-secret
not_a_working_secret
not_secure
notasecret
notasecret!
notasecreta
notsecure
null
nova scotia scova notia
oauth
omg wtf bbq bojap ftw awesome legit
our biggest secret
oursecret
oxygen
p
pancakes
passphrase big very huge man
password1
password123
penguins live in the desert to eat cactus
pinkflyingmonkeysarefunny
pleaseChangeThisSecretForANewOne
pleaseuserandomuniquekey
plz set up secret.
podiumJSRocksJWT
polarbear
pp
prime256v1
prod-jwt-secret
prodSecret
projectauthentication
projectsecret
ps_jwt_secret_key
psssst!
public
put_a_secret_here
put_your_secret_in_env_variable
qqq
qqqqwwwweeeerrrrttttyyyyuuuuiiiioooo
qwaqwa
qweqweqw
qwerty
qwertyuiop
qwertyuiopasdfghjklzxcvbnm123456
rahasia
rahasia-negara
random
random sign key (CHANGE IT!)
randomSecretJustToRunSomeTests
randomText
random_string
randomrandom
randomstring
really-secret-key-here
relax take it easy
replaceThisSecretWithStrongSentence
replacethis
root
s0m3th1ng
s1e2c3r4
s3cR3t
s3cr37
s3cr3t
s3cr3t!
s3cre7
s3cret_c0de
salt
saltJWT
samplesecret
secet
secret cat
secret goes here
secret key
secret key for token
secret string
secret untuk jwt
secret used for the jwt token
secret value
secret-but-not-so-secret
secret-for-jwt
secret-key
secret-not-provided
secret11
secret123
secretJWT
secretJWTStringKey
secretKey
secretKeyHasAValueNow
secretSecret
secretToken
secret_JWT
secret_env
secret_for-json#web$token
secret_from_config
secret_here
secret_jwt
secret_jwt_string_key
secret_key
secret_phrase
secret_secret_super_secret
secret_server_key
secret_this_should_be_longer
secretcode
secretcode12345678
secretfish
secretissecet
secretissecret
secretjwt
secretjwtkey
secretjwtpasswordfordevonly
secretkeyhere
secretl0l
secretmagic
secreto
secretosuperseguro
secretpassword
secrets
secretsecret
secretsecrethushhush
secretstring
secretstuff
secrettoken
secretvalue
secretword
secure-your-dreams
securekey
sekret
sekrit
session_secret
set this to something random
shh
shh-its-a-secret
shhHhh...
shhh
shhh-secret
shhh...itsasecret
shhhh super secret code here bro
shhhhh
shhhhhhared-secret
shhhhhhhhh_it_is_a_secret
shhhhhhhhh_test_secret
shipping
silly
skip
sl_myJwtSecret
sleepisgood
slick-rick
sniffMeButYouNeverWill
so secret that it hurts a b1t
some Secret
some other secret as default
some secret code...
some secret string
some secret value
some unique secret string here
some-dev-secret
some-jwt-secret
some-secret
some-secret-key
some-secret-string
some-strong-secret
someAwesomeScret
someJWTstring
someRandomSecretWord
someRandomString64Bytes
someSecret
someSecretKey
someSecretThatShouldntbeExposed
someSecretValue
some_jwt_secret
some_secret
some_secret_jwt
someawesomesecret
somekey
somekindasecret
somelongstring
somepass
somerandomstring
somerandomstringthatiusedformyjwtsecret
somereallylongsecretkey
somesecret
somesecretkeyforjsonwebtoken
somesecretstring
somesecretthingie
somesecrettoken
somesuperkey
somesuperlongsecret
somesupersecretkey
somesupersecretsecret
something
something-here-dont-leak-it
somethingSecret
somethingconfidential
somethingsecret
somethingsecrets
somethingsekret
someverylongrandomstring
spaceman123
special-sauce
spookySecretVeryVeryVerySecretive
ssshhh_its_a_secret
sssshhhh
sssshhhhhhh!!
stagingJWTSecret
stringthatiwillchangelater
strong_random_bytes
supaa secret
super secret
super secret code goes here
super secret sauce
super secret string
super secret token
super-classified-top-secret-jwt-secret
super-secret
super-secret-jwt-hashkey
super-secret-key
super-secret-mock-demo
super-secret-secret
super-secret-string
superSecret
superSecretKey
superSecretKeyForJwt
superSecretLOL
superSecreta
super_seckret
super_secret
super_secret_code
super_secret_key
superhighlevelscretpasswordthatnonecancrack
supermegasecret
superscret
superscretsecret
supersecret!!!
supersecret123
supersecretdevsecret
supersecretjwt
supersecretkey
supersecretkeyyoushouldnotcommittogithub
supersecreto
supersecretpassword
supersecretsuper
supersupersecretkey
supertajneheslo
t3st_s3cr3t
techgeeknext
tempjwtsecretfordevonly
test
test jwt secret
test-jwt-secret
test-secret
test-secret-1234
test123
test123test
test@123
testApp
testSecret
test_jwt_secret
test_secret
test_token_secret
testasdf
testing-access-token-secret
testing-jwt
testingJWTSecret
testing_secret
testjwtsecret
testkey
testpass
testpassphrase
testsecret
testsecretkey
testtokenforsecurity
the secret
the secret message is stay safe
the-very-secret-secret
theJWTSecret
the_very_secure_and_long_secret_for_jwt
thesecret
this is a JWTSECRET!!
this is for development
this is jwt secret
this is my secret
this is my secret ...shhh
this is my test of a secret. It can be anything
this is our secret
this is secret!
this is the extremely secret secret
this-is-a-secure-key-which-should-be-32-char-long
this-is-a-very-long-string-to-make-sure-it-is-32-characters-long
this-is-a-very-super-powerful-secret-password
this-is-an-example-of-a-very-long-secret-password
this-is-greatest-secure-and-greatest-long-secret
this-is-my-jwt-secret-key-fellas
this-is-the-hardest-key-to-crack
this-is-the-secret
this-secret-must-be-32-character
this-secret-strength-is-over-nine-thousand
thisCanBeAnyStringYouWant
thisIsASecret
thisIsNotSecretKey
thisIsTheJwtSecretPassword
thisIsTheSecretOfTheToken
this_is_a_jwt_secret_key_no_one_will_ever_know_this_key
this_is_a_secret_phrase
this_is_not_secure_generate_a_password
this_is_secret
this_is_your_other_secret
this_is_your_secret
thiscannotbeempty123456
thishastobesecret13213
thisisakeytoalltheprivatedata
thisisasamplesecret
thisisasecret
thisisasecret123
thisisasecretformyapp
thisisasecretkey
thisisatestsecret
thisisaverylongstring
thisisit
thisisjwtsecret
thisislonglongsecret
thisismynewcourse
thisismysecret
thisismysecretkey
thisisnotsuchabigsecret
thisissecret
thisissecrete
thisissomesecretornot
thisisthejwtsecret
thisisthesecretforjwt
todo
todo-app-super-shared-secret
todolist-secret-key
tokenSecret
tokensecret
top-secret
top-secret-phrase
topSecret52
top_secret
topsecret
totallysecretsecret
trololo
tyk123
uaa_jwt_secret
ultimate
ultra-secure-safe-long-secret
ummm it's a secret
unauthorized
undefined
unsafe_jwt_secret
unsecure_fallback
unsecure_password
use-env-secret
use-this-or-gen-new-secret
v3ry_important_s3cr3t
vegasecret
very insecure secret
very secret secret
very-secret-value
very-secure-and-unbreakable-secret
verySecret
veryVerySecretKey
very_important_secret
very_secret
very_secret_key
verysecret
verysecretive
verysecretkey
victory
virtus pro
walker
washington
wave
we should keep this a secretmaybe
wearemeanpeople
weatherapp
web_app
well-known-value
whatever your secret for your jwt is
whatever99
wonderfulevergreensecret
woo
wow so secret
wow_this_is_some_secure_password
write_something
wutangclan
xxx
xxxx
xxxxx
xxxxxx
xxxxxxx
xxxxxxxx
xyz123
y0urS3cr31l<ey
yippy
yolopass
yor secret key
you secret string
you wish!
youhavetochoseone
youllneverguessthishahaha
your JWT secret.
your client secret
your json token secret
your jwt secret
your personal secret goes here
your secret API key
your secret key to SIGN token
your signature secret
your super secret key
your-hidden-secret
your-jwt-secret
your-secret
your-secret-code
your-secret-jwt-key
your-secret-key
your-secret-whatever
your-super-secret-string
your-top-secret-key
yourSuperSecretPassword
your_client_secret
your_jwt_secret
your_jwt_secret_key
your_jwt_secret_word
your_secret
your_secret_here
your_secret_jwt_key
your_secret_key
your_secret_keys
your_secret_string
your_secret_token_or_key
your_secret_value_dont_share_this
your_super_secret_secret
youraccesstokensecret
yourappkey
yourjwtsecret
yoursecret
yoursecrethere
yoursecretkey
yyyy
yyyyyy
zaq!@wsxCDE#
zxcvz
{noop}secret
{very secret key}
{{ oidc_playground_jwt_secret }}
Тайна
密钥
another_secret
poobarbee
kkkkk
TEST-ACCESS-TOKEN-AUTO
ILiekTrianglesALot
foobarsuper
snakelionbird
minhasenhasecreta
JWT_SECRETJWT_SECRETJWT_SECRETJWT_SECRETJWT_SECRETJWT_SECRETJWT_SECRET
chave-do-jwt
SECRET--50
this_is_a_dev_secret
mySuperSecretKey
jwt-default-value-to-be-changed-in-production
DefaultValue
yeb-secret
SPARTA
rest_api_key_2020rest_api_key_2020rest_api_key_2020
jku_vulnerability
fantasticjwt
superSecretString
jwt_internal_secret
jwt_external_secret
jwt_scoped_secret
3sp00ky5me
\2\1thisismyscretkey\1\2\e\y\y\h
shared-secret
test-jwtsecret
test-guest-secret-change-me
test-secret-change-me
PRIVATE_KEY
SecretKey012345678901234567890123456789012345678901234567890123456789
P@ssw0rd
Admin123
Admin@123
Pa$$w0rd
P@$$w0rd
P@ssword123
Password01!
1qaz@WSX
ZAQ!2wsx
Qwer@1234
Asdf@1234
This is my secret
certRSA
This is a very secured secret!!!!
client_secret
client_secret_basic
client_secret_post
django_secret
private_key_jwt
!null
!=null
nil
None
0
1
invalid-secretabc-secret
The client secret key
Original secret string
a secret string
mystery
code-secret
shhhhhh
priv
./compute_secret
compute_secret
enc
secret word
HmacSHA256
too many secrets
SuperSecret$!
getSecretKey()
HS256
My$ecretK3y
alice and bob's secret
symmetric key
this is 16 bytes
keep it secret! Keep it safe!
otherSecret
foo-de-fafa
Secret key. You can use `mix guardian.gen.secret` to get one
ThisIsTheSecret
itsa16bytesecret
terces
banana
secret_key_here
whats up yall
mysupersecretkey
your-own-jwt-secret
super_fancy_secret
HS$hashBits
first
Super Secret Key
So Secret!
kkey
test key
YoUR sUpEr S3krEt 1337 HMAC kEy HeRE
unsafe_secret
my-very-secret
supersafe
my_very_long_and_safe_secret_key
MySuperSecretEncryptionKey
secret|$ecRet
$ecRet
SecretKey
$ecretKey
So Secret! 🔥🌵
[KEY USED TO SIGN/VERIFY JWT TOKENS, ALWAYS REPLACE THIS VALUE]
jwtSecretKey
admin"""

# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
HEX_RE = re.compile(r"^[0-9a-fA-F]{24,}$")
KEY_PREFIXES = ("-----BEGIN", "MII", "eyJ")


def is_valid(entry):
    """Format rules that apply to every entry."""
    if not entry or entry != entry.strip():
        return False
    if len(entry.encode("utf-8")) > MAX_BYTES:
        return False
    return not any(unicodedata.category(c) == "Cc" for c in entry)


def entropy_per_char(s):
    counts = {}
    for c in s:
        counts[c] = counts.get(c, 0) + 1
    n = len(s)
    return -sum(k / n * math.log2(k / n) for k in counts.values())


SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "9876543210",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "q1w2e3r4t5y6u7i8o9p0",
    "1q2w3e4r5t6y7u8i9o0p",
)


def has_sequence(entry, run=6):
    low = entry.lower()
    for seq in SEQUENCES:
        for i in range(len(seq) - run + 1):
            if seq[i : i + run] in low:
                return True
    return False


def wordiness(entry):
    """Share of the characters that sit in word-like letter runs."""
    words = re.findall(r"[A-Z]?[a-z]{3,}|[A-Z]{4,}", entry)
    return sum(len(w) for w in words) / len(entry)


def looks_random(entry):
    """True for values that are only known because they leaked."""
    if entry.startswith(KEY_PREFIXES) or "-----BEGIN" in entry or "\\n" in entry:
        return True
    if UUID_RE.match(entry):
        return True
    if len(set(entry)) <= 4 or has_sequence(entry):
        return False
    if HEX_RE.match(entry):
        return True
    if len(entry) >= 20 and not re.search(r"\s", entry):
        segments = [s for s in re.split(r"[-_.]", entry) if s]
        alpha = [s for s in segments if s.isalpha()]
        if len(segments) >= 3 and len(alpha) >= 0.7 * len(segments):
            return False
        if wordiness(entry) >= 0.5:
            return False
        classes = sum(
            bool(re.search(p, entry)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]")
        )
        if classes == 3 or entropy_per_char(entry) >= 4.0:
            return True
    return False


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def read_zxcvbn_passwords(path):
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile("package/lib/frequency_lists.js")
            text = member.read().decode("utf-8")
    else:
        with io.open(path, encoding="utf-8") as f:
            text = f.read()
    match = re.search(r'passwords:\s*"((?:[^"\\]|\\.)*)"', text)
    if not match:
        sys.exit("no passwords list in %s" % path)
    body = re.sub(r"\\(.)", r"\1", match.group(1))
    return body.split(",")


def read_wordlist(path):
    with io.open(path, encoding="utf-8", errors="replace", newline="") as f:
        return [line.rstrip("\r\n") for line in f]


def lines(block):
    return block.split("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("zxcvbn", help="zxcvbn-4.4.2.tgz or frequency_lists.js")
    ap.add_argument("--jwt-list", action="append", default=[])
    ap.add_argument("--passwords", type=int, default=15000)
    ap.add_argument("--out", default=os.path.join(here, "weak-secrets.txt"))
    args = ap.parse_args()

    seen = set()
    out = []

    def add(entries, check_random):
        added = 0
        for e in entries:
            if e in seen or not is_valid(e):
                continue
            if check_random and looks_random(e):
                continue
            seen.add(e)
            out.append(e)
            added += 1
        return added

    counts = {}
    n = 0
    for block in CURATED:
        n += add(lines(block), False)
    counts["1a curated defaults"] = n
    generated = []
    for base in VARIANT_BASES:
        generated.extend(variants(base))
    counts["1b generated spellings"] = add(generated, False)
    counts["1c base64 forms"] = add(
        [base64.b64encode(s.encode()).decode() for s in BASE64_OF], False
    )
    counts["2a SecLists JWT excerpt"] = add(lines(SECLISTS_JWT_EXCERPT), True)
    extra = []
    for path in args.jwt_list:
        extra.extend(read_wordlist(path))
    counts["2b --jwt-list files"] = add(extra, True)
    passwords = read_zxcvbn_passwords(args.zxcvbn)[: args.passwords]
    counts["3 zxcvbn passwords"] = add(passwords, True)

    data = "".join(e + "\n" for e in out).encode("utf-8")
    with open(args.out, "wb") as f:
        f.write(data)
    for k, v in counts.items():
        print("%-26s %6d" % (k, v), file=sys.stderr)
    print("%-26s %6d (%d bytes)" % ("total", len(out), len(data)), file=sys.stderr)


if __name__ == "__main__":
    main()
