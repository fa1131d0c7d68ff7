//! The block a batch repeats on its labels (the sender's: the layout says how many of its
//! first elements it is), drawn once in a document as a form XObject that each page paints.
//!
//! Labels of one seller carry the same sender block, and drawing and compressing it was
//! about a third of a page's work. A worker draws and compresses a block once and keeps the
//! last few it made ([`block_of`]); the document writes each block once and its pages paint
//! it by name ([`DocumentBlocks::place`]). A document's first page, and a page whose block
//! cannot be shared (its glyphs extract otherwise than the document's fonts say, or another
//! block has its name), print the block's operators in their own content, as before.

use std::cell::RefCell;
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
    /// The form's content, and compressed.
    pub(super) content: Vec<u8>,
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
        content: drawn.content,
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

impl Block {
    /// The content of a page that paints this block (`page`, as drawn with it) as the page
    /// draws it whole: the block's operators in place of the `Do` that paints them (both
    /// start by setting the fill colour); `None` if `page` does not start by painting it.
    pub(super) fn drawn_in(&self, page: &[u8]) -> Option<Vec<u8>> {
        let rest = page
            .strip_prefix(b"0 g\n/")?
            .strip_prefix(self.name.as_bytes())?
            .strip_prefix(b" Do\n")?;
        Some([self.content.as_slice(), rest].concat())
    }
}

/// The 64-bit FNV-1a hash of `bytes`: a block's name, the same on every thread and in every
/// run.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How many blocks a document keeps written for its pages to paint ([`DocumentBlocks`]).
const FORMS_KEPT: usize = 64;

/// The blocks a document wrote last, each a form XObject its pages can paint: at most
/// [`FORMS_KEPT`], so a batch of countless sellers holds no more (a block seen again after
/// its form was let go is written again).
#[derive(Debug, Default)]
pub(super) struct DocumentBlocks {
    /// Each block's name, form and content (to tell a block from another of its name),
    /// oldest first.
    written: Vec<(String, ObjRef, Vec<u8>)>,
}

impl DocumentBlocks {
    /// The form a page `width` × `height` points paints `block` from: written the first
    /// time, its glyphs joining `fonts`, with the document's `resources`. `None` if the page
    /// must be drawn whole instead: a glyph of the block extracts as other text than the
    /// document gave its code, or another block has its name.
    pub(super) fn place<W: std::io::Write>(
        &mut self,
        block: &Block,
        fonts: &mut DocumentFonts,
        file: &mut PdfFile<W>,
        resources: ObjRef,
        (width, height): (f32, f32),
    ) -> Result<Option<ObjRef>, RenderError> {
        if let Some((_, id, content)) = self.written.iter().find(|(name, ..)| *name == block.name) {
            return Ok((*content == block.compressed).then_some(*id));
        }
        if !fonts.record(&block.shown) {
            return Ok(None);
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
        if self.written.len() >= FORMS_KEPT {
            self.written.remove(0);
        }
        self.written
            .push((block.name.clone(), id, block.compressed.clone()));
        Ok(Some(id))
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
            assert_eq!(form, block.content);
            assert_eq!(
                String::from_utf8([form.as_slice(), after].concat()).unwrap(),
                String::from_utf8(whole.content.clone()).unwrap(),
                "{seller}"
            );
            assert_eq!(block.drawn_in(&page.content).unwrap(), whole.content);
            assert!(block.drawn_in(&whole.content).is_none());
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
        let mut forms = Vec::new();
        for (number, label) in (1..).zip(&labels) {
            let page = doc.get_dictionary(pages[&number]).unwrap();
            let content = content_of(&doc, doc.get_page_contents(pages[&number])[0]);
            // Each page is the label as it is drawn alone: the first draws its block itself,
            // the others paint the form their resources name.
            let alone = crate::render_pdf(std::slice::from_ref(label), &options).unwrap();
            let alone = lopdf::Document::load_mem(&alone).unwrap();
            let alone = content_of(&alone, alone.get_page_contents(alone.get_pages()[&1])[0]);
            let drawn = match content.strip_prefix(b"0 g\n/") {
                None => {
                    assert_eq!(number, 1);
                    assert!(page.get(b"Resources").unwrap().as_reference().is_ok());
                    content
                }
                Some(painted) => {
                    let end = painted.iter().position(|&b| b == b' ').unwrap();
                    let resources = page.get(b"Resources").unwrap().as_dict().unwrap();
                    let named = resources.get(b"XObject").unwrap().as_dict().unwrap();
                    assert_eq!(named.len(), 1, "page {number}");
                    let form = named.get(&painted[..end]).unwrap().as_reference().unwrap();
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                    let after = painted.strip_prefix(&painted[..end]).unwrap();
                    let form = content_of(&doc, form);
                    [form.as_slice(), after.strip_prefix(b" Do\n").unwrap()].concat()
                }
            };
            assert_eq!(
                String::from_utf8(drawn).unwrap(),
                String::from_utf8(alone).unwrap(),
                "page {number}"
            );
        }
        // Two sellers, a form each, written once.
        assert_eq!(forms.len(), 2);
        // A document of one label has no form.
        let one = crate::render_pdf(&labels[..1], &options).unwrap();
        assert!(!one.windows(5).any(|w| w == b"/Form"));
    }

    #[test]
    fn a_document_keeps_the_forms_of_its_last_sellers_only() {
        // The first seller's label draws its block; then one form per seller, one more
        // seller than a document keeps; then the second seller again, whose form was let go.
        let mut sellers: Vec<usize> = (0..FORMS_KEPT + 2).collect();
        sellers.push(1);
        let labels: Vec<_> = sellers
            .iter()
            .map(|i| {
                let mut label = Label::sample();
                label.seller.name = format!("Seller {i}");
                label.validate().unwrap()
            })
            .collect();
        let pdf = crate::render_pdf(&labels, &Options::default()).unwrap();
        let forms = pdf.windows(13).filter(|w| *w == b"/Subtype/Form").count();
        assert_eq!(forms, FORMS_KEPT + 2);
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), labels.len());
    }
}
