//! QR codes as small PNG images, for the check-in code in a participant's emails.
//! PNG rather than SVG: most mail programs show no SVG.

use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module.
const SCALE: usize = 5;
/// The light margin around the code, in modules (the standard asks for four).
const QUIET: usize = 4;

/// `data` as a black-on-white QR code, with its side in pixels.
pub fn png(data: &str) -> anyhow::Result<(Vec<u8>, u32)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit per pixel, 1 is white; rows padded to whole bytes.
    let stride = side.div_ceil(8);
    let mut pixels = vec![0xFF_u8; stride * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / SCALE, y / SCALE);
            let inside =
                (QUIET..QUIET + modules).contains(&mx) && (QUIET..QUIET + modules).contains(&my);
            if inside && colors[(my - QUIET) * modules + (mx - QUIET)] == Color::Dark {
                pixels[y * stride + x / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    let side = u32::try_from(side)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok((out, side))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes the PNG and reads the code back, as a phone's camera would.
    fn read(png_bytes: &[u8]) -> String {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let (w, h) = (info.width as usize, info.height as usize);
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_png_reads_back_as_the_url() {
        let url = "https://samenleren.example/beheer/inchecken/0b9e6c1e-1111-4000-8000-000000000000/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
        let (bytes, side) = png(url).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!((200..400).contains(&side), "{side}");
        assert_eq!(read(&bytes), url);
    }
}
