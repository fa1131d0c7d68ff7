//! The block a batch repeats on its labels (the sender's: the layout says how many of its
//! first elements it is), drawn once in a document as a form XObject that each page paints.
//!
//! Labels of one seller carry the same sender block, and drawing and compressing it was
//! about a third of a page's work. A worker draws and compresses a block once and keeps the
//! last few it made ([`block_of`]); the document writes each block once and its pages paint
//! it by name ([`DocumentBlocks::place`]). A page whose block cannot be shared (its glyphs
//! extract otherwise than the document's fonts say, or another block has its name) is drawn
//! whole, as before.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::RenderError;
use super::draw::draw_elements;
use super::embed::{DocumentFonts, Shown};
use super::file::{Effort, ObjRef, PdfFile, deflate};
use crate::layout::{Element, LabelLayout};

/// How many blocks each thread keeps made ([`block_of`]).
const BLOCKS_KEPT: usize = 8;

/// A block drawn and compressed: the form XObject's content, its name and its glyphs.
#[derive(Debug)]
pub(super) struct Block {
    /// The resource name pages paint it by: `B` and a hash of its content, so that every
    /// thread names the same block alike and the document tells blocks apart by name.
    pub(super) name: String,
    /// The page height it was drawn for (its operators place text from the bottom).
    height: u32,
    /// The elements it was drawn from.
    elements: Vec<Element>,
    /// The form's content, compressed.
    pub(super) compressed: Vec<u8>,
    /// The glyphs it shows, for the document's fonts.
    pub(super) shown: Vec<Shown>,
}

/// The shared block of `layout`, drawn and compressed, or `None` when it has none. Each
/// thread keeps the blocks it made last: a block seen before is not drawn again.
pub(super) fn block_of(layout: &LabelLayout) -> Result<Option<Arc<Block>>, RenderError> {
    thread_local! {
        static KEPT: RefCell<Vec<Arc<Block>>> = const { RefCell::new(Vec::new()) };
    }
    let Some(elements) = layout
        .elements
        .get(..layout.shared)
        .filter(|e| !e.is_empty())
    else {
        return Ok(None);
    };
    let height = layout.height.0.to_bits();
    let kept = KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|b| b.height == height && b.elements == elements)
            .cloned()
    });
    if kept.is_some() {
        return Ok(kept);
    }
    let drawn = draw_elements(layout, elements, None, None)?;
    let compressed = deflate(&drawn.content, Effort::Fast);
    let block = Arc::new(Block {
        name: format!("B{:016x}", fnv1a(&compressed)),
        height,
        elements: elements.to_vec(),
        compressed,
        shown: drawn.shown,
    });
    KEPT.with_borrow_mut(|kept| {
        if kept.len() >= BLOCKS_KEPT {
            kept.remove(0);
        }
        kept.push(Arc::clone(&block));
    });
    Ok(Some(block))
}

/// The 64-bit FNV-1a hash of `bytes`: a block's name, the same on every thread and in every
/// run.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The blocks a document has written, in the order they were first painted.
#[derive(Debug, Default)]
pub(super) struct DocumentBlocks {
    /// Each block's place in `written`, by name.
    by_name: HashMap<String, usize>,
    /// Each block's name, object and content (to tell a block from another of its name).
    written: Vec<(String, ObjRef, Vec<u8>)>,
}

impl DocumentBlocks {
    /// Makes `block` paintable on a page `width` × `height` points: written as a form
    /// XObject the first time, its glyphs joining `fonts`. `false` if the page must be drawn
    /// whole instead: a glyph of the block extracts as other text than the document gave its
    /// code, or another block has its name.
    pub(super) fn place<W: std::io::Write>(
        &mut self,
        block: &Block,
        fonts: &mut DocumentFonts,
        file: &mut PdfFile<W>,
        resources: ObjRef,
        (width, height): (f32, f32),
    ) -> Result<bool, RenderError> {
        if let Some(&at) = self.by_name.get(&block.name) {
            return Ok(self
                .written
                .get(at)
                .is_some_and(|(_, _, content)| *content == block.compressed));
        }
        if !fonts.record(&block.shown) {
            return Ok(false);
        }
        let id = file.reserve();
        let mut dict = b"/Type/XObject/Subtype/Form/BBox[0 0 ".to_vec();
        super::content::push_number(&mut dict, f64::from(width), 3);
        dict.push(b' ');
        super::content::push_number(&mut dict, f64::from(height), 3);
        dict.extend_from_slice(b"]/Resources ");
        resources.push(&mut dict);
        dict.extend_from_slice(b"/Filter/FlateDecode");
        file.stream(id, &dict, &block.compressed)?;
        self.by_name.insert(block.name.clone(), self.written.len());
        self.written
            .push((block.name.clone(), id, block.compressed.clone()));
        Ok(true)
    }

    /// The `/XObject` entry of the resources, naming every block written (nothing when
    /// none was).
    pub(super) fn resources(&self, d: &mut Vec<u8>) {
        if self.written.is_empty() {
            return;
        }
        d.extend_from_slice(b"/XObject<<");
        for (name, id, _) in &self.written {
            d.push(b'/');
            d.extend_from_slice(name.as_bytes());
            d.push(b' ');
            id.push(d);
        }
        d.extend_from_slice(b">>");
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::render::draw::draw_label;
    use crate::{Label, Options};

    /// The sample label's layout, sold by `seller`, to `recipient`.
    fn layout_of(seller: &str, recipient: &str) -> LabelLayout {
        let mut label = Label::sample();
        label.seller.name = seller.to_owned();
        label.recipient.name = recipient.to_owned();
        crate::layout(&label.validate().unwrap(), &Options::default()).unwrap()
    }

    fn inflate(compressed: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(compressed)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_page_and_its_block_draw_what_the_whole_label_draws() {
        for seller in ["Tidy Threads Ltd", "Øresund Ceramics", "Blue Heron Books"] {
            let layout = layout_of(seller, "Alice Smith");
            assert!(layout.shared > 0);
            let block = block_of(&layout).unwrap().unwrap();
            let rest = layout.elements.get(layout.shared..).unwrap();
            let page = draw_elements(&layout, rest, None, Some(&block.name)).unwrap();
            let whole = draw_label(&layout, None).unwrap();
            // The page paints the block where the whole label drew its lines.
            let paint = format!("0 g\n/{} Do\n", block.name);
            let after = page.content.strip_prefix(paint.as_bytes()).unwrap();
            let form = inflate(&block.compressed);
            assert_eq!(
                String::from_utf8([form.as_slice(), after].concat()).unwrap(),
                String::from_utf8(whole.content).unwrap(),
                "{seller}"
            );
            // Its glyphs are the block's and the page's.
            let together: Vec<&Shown> = block.shown.iter().chain(&page.shown).collect();
            assert!(
                whole.shown.iter().all(|s| together.contains(&s)),
                "{seller}"
            );
            assert!(together.iter().all(|s| whole.shown.contains(s)), "{seller}");
        }
    }

    #[test]
    fn a_thread_makes_a_block_once_and_every_thread_names_it_alike() {
        let first = block_of(&layout_of("Tidy Threads Ltd", "Alice Smith")).unwrap();
        let other = block_of(&layout_of("Blue Heron Books", "Alice Smith")).unwrap();
        let again = block_of(&layout_of("Tidy Threads Ltd", "Zoë Patel")).unwrap();
        let (first, other, again) = (first.unwrap(), other.unwrap(), again.unwrap());
        assert!(Arc::ptr_eq(&first, &again));
        assert_ne!(first.name, other.name);
        let elsewhere = std::thread::scope(|s| {
            s.spawn(|| block_of(&layout_of("Tidy Threads Ltd", "Zoë Patel")))
                .join()
                .unwrap()
        })
        .unwrap()
        .unwrap();
        assert!(!Arc::ptr_eq(&first, &elsewhere));
        assert_eq!(
            (&elsewhere.name, &elsewhere.compressed),
            (&first.name, &first.compressed)
        );
        // A customs form has no shared block.
        let sample = Label::sample_international().validate().unwrap();
        let forms = crate::customs_layouts(&sample, &Options::default()).unwrap();
        assert!(!forms.is_empty());
        for form in &forms {
            assert!(block_of(form).unwrap().is_none());
        }
    }

    /// The decompressed content of `stream`.
    fn content_of(doc: &lopdf::Document, id: lopdf::ObjectId) -> Vec<u8> {
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        inflate(&stream.content)
    }

    #[test]
    fn a_document_writes_each_block_once_and_its_pages_draw_as_labels_alone() {
        let sellers = ["Tidy Threads Ltd", "Blue Heron Books"];
        let labels: Vec<_> = (0..5)
            .map(|i| {
                let mut label = Label::sample();
                label.seller.name = sellers[i % 2].to_owned();
                label.order.number = format!("TT-2026-00012{i}");
                label.validate().unwrap()
            })
            .collect();
        let options = Options::default();
        let pdf = crate::render_pdf(&labels, &options).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 5);
        // The resources name both blocks, each a form written once.
        let (own, shared) = doc.get_page_resources(pages[&1]).unwrap();
        let resources = own.unwrap_or_else(|| doc.get_dictionary(shared[0]).unwrap());
        let forms = resources.get(b"XObject").unwrap().as_dict().unwrap();
        assert_eq!(forms.len(), 2);
        let forms: HashMap<Vec<u8>, lopdf::ObjectId> = forms
            .iter()
            .map(|(name, r)| (name.clone(), r.as_reference().unwrap()))
            .collect();
        for (number, label) in (1..).zip(&labels) {
            let content = content_of(&doc, doc.get_page_contents(pages[&number])[0]);
            // Each page is the label as it is drawn alone: the first draws its block itself,
            // the others paint the block written for it.
            let alone = crate::render_pdf(std::slice::from_ref(label), &options).unwrap();
            let alone = lopdf::Document::load_mem(&alone).unwrap();
            let alone = content_of(&alone, alone.get_page_contents(alone.get_pages()[&1])[0]);
            let drawn = match content.strip_prefix(b"0 g\n/") {
                None => {
                    assert_eq!(number, 1);
                    content
                }
                Some(painted) => {
                    let end = painted.iter().position(|&b| b == b' ').unwrap();
                    let form = content_of(&doc, forms[&painted[..end]]);
                    let after = painted.strip_prefix(&painted[..end]).unwrap();
                    [form.as_slice(), after.strip_prefix(b" Do\n").unwrap()].concat()
                }
            };
            assert_eq!(
                String::from_utf8(drawn).unwrap(),
                String::from_utf8(alone).unwrap(),
                "page {number}"
            );
        }
        // A document of one label has no form.
        let one = crate::render_pdf(&labels[..1], &options).unwrap();
        assert!(!one.windows(5).any(|w| w == b"/Form"));
    }
}
